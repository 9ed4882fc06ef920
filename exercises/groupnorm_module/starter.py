import torch
from torch import nn


class GroupNorm(nn.Module):
    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5, affine: bool = True):
        """TODO: raise ValueError when num_channels is not divisible by num_groups.

        With affine, create `weight` (C,) ones and `bias` (C,) zeros as nn.Parameter;
        without it, no parameters.
        """
        super().__init__()
        raise NotImplementedError("TODO: GroupNorm.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """TODO: x is (N, C, *). Split the channels into num_groups blocks of C // G
        consecutive channels; normalize each (sample, group) over its channels and all
        positions with the biased variance, eps inside the square root; then scale and
        shift per channel. Same shape as x."""
        raise NotImplementedError("TODO: GroupNorm.forward")
