import torch
from torch import nn


class GroupNorm(nn.Module):
    """Splits the channel dim with unflatten: (N, C, *) -> (N, G, C/G, *), reduces over all but N, G."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True):
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError(f"{num_channels} channels cannot form {num_groups} equal groups")
        self.num_groups = num_groups
        self.eps = eps
        self.affine = affine
        if affine:
            self.weight = nn.Parameter(torch.ones(num_channels))
            self.bias = nn.Parameter(torch.zeros(num_channels))

    def forward(self, x):
        g = self.num_groups
        xg = x.unflatten(1, (g, x.shape[1] // g))        # (N, G, C/G, *)
        dims = tuple(range(2, xg.dim()))
        count = 1
        for d in dims:
            count *= xg.shape[d]
        mean = xg.sum(dims, keepdim=True) / count
        d = xg - mean
        var = (d * d).sum(dims, keepdim=True) / count
        y = (d / (var + self.eps).sqrt()).flatten(1, 2)  # (N, C, *)
        if self.affine:
            w = self.weight[(None, slice(None)) + (None,) * (x.dim() - 2)]
            b = self.bias[(None, slice(None)) + (None,) * (x.dim() - 2)]
            y = w * y + b
        return y
