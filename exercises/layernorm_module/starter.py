import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps: float = 1e-5, elementwise_affine: bool = True,
                 bias: bool = True):
        """TODO: normalized_shape is an int or a tuple of ints (the trailing dims of x).

        With elementwise_affine, create `weight` (ones) and, if bias, `bias` (zeros), both
        nn.Parameter shaped like normalized_shape. Without it, no parameters at all.
        """
        super().__init__()
        raise NotImplementedError("TODO: LayerNorm.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """TODO: x is (*, *normalized_shape); normalize each sample over the trailing
        dims with its mean and *biased* variance, eps inside the square root, then apply
        weight and bias (when present). Same shape as x."""
        raise NotImplementedError("TODO: LayerNorm.forward")
