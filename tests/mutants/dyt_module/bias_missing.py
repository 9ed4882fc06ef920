# mutant: no bias (beta) parameter
# expect: got 'alpha (1,), weight (4,)'
"""Reference: Dynamic Tanh (DyT), a normalization-free replacement for LayerNorm."""

import torch
from torch import nn


class DyT(nn.Module):
    def __init__(self, num_features: int, alpha_init: float = 0.5):
        super().__init__()
        # One learnable scalar for the whole layer, kept as a (1,) tensor so that it is a
        # Parameter (saved in state_dict, seen by the optimizer, moved by .to()).
        self.alpha = nn.Parameter(torch.full((1,), float(alpha_init)))
        # Per-feature affine over the last dim, as in LayerNorm: identity at init.
        self.weight = nn.Parameter(torch.ones(num_features))   # (C,)


    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (*, C). alpha scales the *input* of tanh: it sets how soon tanh saturates.
        # weight and bias (C,) broadcast against the last dim.
        return self.weight * torch.tanh(self.alpha * x)   # (*, C)
