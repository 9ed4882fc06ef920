# mutant: one-pass variance E[x²] − E[x]²
# expect: one-pass variance
"""Reference: LayerNorm over the trailing normalized_shape dims, like torch.nn.LayerNorm."""

import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps: float = 1e-5, elementwise_affine: bool = True,
                 bias: bool = True):
        super().__init__()
        # An int means one trailing dim; keep a tuple either way.
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)      # (D1, ..., Dk)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            # One scale (and shift) per normalized element, shaped like normalized_shape.
            self.weight = nn.Parameter(torch.ones(self.normalized_shape))
            if bias:
                self.bias = nn.Parameter(torch.zeros(self.normalized_shape))
            else:
                self.register_parameter("bias", None)
        else:
            # Registered as None: no parameters, nothing in state_dict(), as in PyTorch.
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (*, D1, ..., Dk). Each sample is normalized on its own over its last k dims,
        # never across the batch (that would be BatchNorm).
        k = len(self.normalized_shape)
        if tuple(x.shape[x.dim() - k:]) != self.normalized_shape:
            raise ValueError(f"expected input of shape (*, {self.normalized_shape}), got {tuple(x.shape)}")
        dims = tuple(range(-k, 0))
        mean = x.mean(dim=dims, keepdim=True)                       # (*, 1, ..., 1)
        # Two passes and the *biased* variance (÷ D): subtracting the mean before squaring
        # keeps the digits that E[x²] − E[x]² would cancel away when |mean| >> std.
        centered = x - mean
        var = (x * x).mean(dim=dims, keepdim=True) - mean * mean   # (*, 1, ..., 1)
        # eps inside the square root bounds 1/std for near-constant rows.
        y = centered * torch.rsqrt(var + self.eps)                  # (*, D1, ..., Dk)
        if self.weight is not None:
            y = y * self.weight                                     # broadcasts over *
        if self.bias is not None:
            y = y + self.bias
        return y
