# mutant: forms the groups by striding channels, x.reshape(N, C // G, G, ...)
# expect: striding channels
"""Reference: GroupNorm over (N, C, *) input, like torch.nn.GroupNorm."""

import torch
from torch import nn


class GroupNorm(nn.Module):
    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5, affine: bool = True):
        super().__init__()
        # Groups are equal blocks of consecutive channels, so C must split evenly.
        if num_channels % num_groups != 0:
            raise ValueError(f"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})")
        self.num_groups = num_groups
        self.num_channels = num_channels
        self.eps = eps
        self.affine = affine
        if affine:
            # The affine step is per channel (C,), not per group.
            self.weight = nn.Parameter(torch.ones(num_channels))
            self.bias = nn.Parameter(torch.zeros(num_channels))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (N, C, *spatial)
        n, c = x.shape[0], x.shape[1]
        g = self.num_groups
        # (N, C, *) -> (N, G, C//G · prod(*)): group k holds channels k·C/G … (k+1)·C/G − 1,
        # consecutive channels, because C is the slower-varying index of the (C, *) block.
        xg = x.reshape(n, c // g, g, -1).transpose(1, 2).reshape(n, g, -1)
        # Statistics per sample and per group; never across the batch.
        mean = xg.mean(dim=2, keepdim=True)                             # (N, G, 1)
        var = ((xg - mean) ** 2).mean(dim=2, keepdim=True)              # biased, (N, G, 1)
        y = ((xg - mean) / torch.sqrt(var + self.eps)).reshape((n, g, c // g, -1)).transpose(1, 2).reshape(x.shape) # (N, C, *)
        if self.affine:
            # (C,) -> (1, C, 1, ..., 1) so it scales channels, whatever the spatial rank.
            view = (1, c) + (1,) * (x.dim() - 2)
            y = y * self.weight.reshape(view) + self.bias.reshape(view)
        return y
