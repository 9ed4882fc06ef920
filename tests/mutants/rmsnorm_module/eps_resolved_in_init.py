# mutant: resolves eps=None in __init__ with the default dtype's epsilon (float32)
# expect: float32's epsilon
"""Reference: RMSNorm over the trailing normalized_shape dims, like torch.nn.RMSNorm."""

import torch
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, normalized_shape, eps=None, elementwise_affine: bool = True):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)   # (D1, ..., Dk)
        # None is kept as None: the right epsilon depends on the dtype of the input, which
        # is only known in forward (and the module may be converted with .to() meanwhile).
        self.eps = eps if eps is not None else torch.finfo(torch.get_default_dtype()).eps
        if elementwise_affine:
            self.weight = nn.Parameter(torch.ones(self.normalized_shape))   # no bias in RMSNorm
        else:
            self.register_parameter("weight", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (*, D1, ..., Dk)
        dims = tuple(range(-len(self.normalized_shape), 0))
        eps = self.eps if self.eps is not None else torch.finfo(x.dtype).eps
        # No centering: only the root mean square of the k trailing dims, per sample.
        ms = (x * x).mean(dim=dims, keepdim=True)         # (*, 1, ..., 1)
        y = x * torch.rsqrt(ms + eps)                     # eps inside the square root
        if self.weight is not None:
            y = y * self.weight
        return y
