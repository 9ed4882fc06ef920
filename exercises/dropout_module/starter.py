"""Inverted dropout as an nn.Module.

Training: zero each element with probability p and scale the kept ones by 1/(1 - p).
Eval: return x unchanged. Run `dlquiz run dropout_module` to test,
`dlquiz hint dropout_module` for a hint.
"""

import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        # TODO: store and validate p.
        raise NotImplementedError("Dropout.__init__ is not written yet")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: inverted dropout in training mode, identity in eval mode.
        raise NotImplementedError("Dropout.forward is not written yet")
