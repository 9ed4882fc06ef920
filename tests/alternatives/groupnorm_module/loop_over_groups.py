import torch
from torch import nn


class GroupNorm(nn.Module):
    """Slices each group of consecutive channels, normalizes it, and concatenates."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True):
        super().__init__()
        if num_channels % num_groups:
            raise ValueError("num_channels must be divisible by num_groups")
        self.groups, self.eps = num_groups, eps
        if affine:
            self.weight = nn.Parameter(torch.ones(num_channels))
            self.bias = nn.Parameter(torch.zeros(num_channels))
        else:
            self.weight = self.bias = None

    def forward(self, x):
        per = x.shape[1] // self.groups
        dims = list(range(1, x.dim()))
        parts = []
        for k in range(self.groups):
            chunk = x[:, k * per:(k + 1) * per]
            var, mean = torch.var_mean(chunk, dim=dims, keepdim=True, unbiased=False)
            parts.append((chunk - mean) * torch.rsqrt(var + self.eps))
        y = torch.cat(parts, dim=1)
        if self.weight is not None:
            extra = [1] * (x.dim() - 2)
            y = torch.addcmul(self.bias.view(1, -1, *extra), y, self.weight.view(1, -1, *extra))
        return y
