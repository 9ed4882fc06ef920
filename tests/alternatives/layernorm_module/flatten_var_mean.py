import math

import torch
from torch import nn


class LayerNorm(nn.Module):
    """Flattens the trailing dims into one and uses torch.var_mean with correction=0."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True):
        super().__init__()
        shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
        self.shape = torch.Size(shape)
        self.eps = eps
        if elementwise_affine:
            self.weight = nn.Parameter(torch.ones(self.shape))
            self.bias = nn.Parameter(torch.zeros(self.shape)) if bias else None
        else:
            self.weight = None
            self.bias = None

    def forward(self, x):
        lead = x.shape[: x.dim() - len(self.shape)]
        flat = x.reshape(-1, math.prod(self.shape))                 # (rows, D)
        var, mean = torch.var_mean(flat, dim=1, keepdim=True, correction=0)
        y = ((flat - mean) / torch.sqrt(var + self.eps)).reshape(lead + self.shape)
        if self.weight is not None:
            y = torch.addcmul(self.bias, y, self.weight) if self.bias is not None else y * self.weight
        return y
