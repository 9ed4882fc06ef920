import math

import torch
from torch import nn


class RMSNorm(nn.Module):
    """RMS = ‖x‖₂ / √D on the flattened trailing dims; eps resolved per call."""

    def __init__(self, normalized_shape, eps=None, elementwise_affine=True):
        super().__init__()
        self.shape = torch.Size([normalized_shape] if isinstance(normalized_shape, int) else normalized_shape)
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(self.shape)) if elementwise_affine else None

    def forward(self, x):
        d = math.prod(self.shape)
        flat = x.reshape(*x.shape[: x.dim() - len(self.shape)], d)
        eps = torch.finfo(x.dtype).eps if self.eps is None else self.eps
        ms = torch.linalg.vector_norm(flat, dim=-1, keepdim=True) ** 2 / d
        y = (flat / torch.sqrt(ms + eps)).reshape(x.shape)
        if self.weight is not None:
            y = self.weight * y
        return y
