"""Reference: inverted dropout, rescaling in training so eval is the identity."""

import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"dropout probability must be in [0, 1], got {p}")
        self.p = p            # probability of DROPPING an element; no parameters to learn

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: any shape
        if not self.training or self.p == 0.0:
            return x          # eval: E[train output] = x already, so nothing to undo
        if self.p == 1.0:
            return x * 0.0    # everything dropped; x * keep / 0 would be NaN
        # A fresh Bernoulli(1 − p) keep-mask at every call, with x's shape, dtype, device.
        keep = torch.rand_like(x) >= self.p                      # (same shape as x), bool
        # Inverted scaling: the kept elements are divided by the keep probability so the
        # expected output equals x; autograd routes g / (1 − p) to kept elements, 0 elsewhere.
        return x * keep / (1.0 - self.p)
