import torch
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, normalized_shape, eps=None, elementwise_affine: bool = True):
        """TODO: normalized_shape is an int or a tuple of ints (the trailing dims of x).

        With elementwise_affine, create `weight` (ones, shaped like normalized_shape) as an
        nn.Parameter; there is no bias. eps=None means torch.finfo(x.dtype).eps of the input.
        """
        super().__init__()
        raise NotImplementedError("TODO: RMSNorm.__init__")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """TODO: y = x / sqrt(mean(x², trailing dims) + eps) · weight; same shape as x."""
        raise NotImplementedError("TODO: RMSNorm.forward")
