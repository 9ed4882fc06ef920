# mutant: plain tensor attributes, updated by reassignment (the starter's bug in another spelling)
# expect: a plain tensor attribute
"""BatchNorm1d with its running statistics kept as plain tensor attributes."""

import torch
from torch import nn


class BatchNorm1d(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.running_mean = torch.zeros(num_features)
        self.running_var = torch.ones(num_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (N, C) or (N, C, L)
        dims = (0,) if x.dim() == 2 else (0, 2)
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1)
        if self.training:
            n = x.numel() // x.shape[1]
            mean = x.mean(dim=dims, keepdim=True)
            var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
            with torch.no_grad():
                m = self.momentum
                self.running_mean = (1 - m) * self.running_mean + m * mean.reshape(-1)
                self.running_var = (1 - m) * self.running_var + m * var.reshape(-1) * n / (n - 1)
        else:
            mean = self.running_mean.reshape(shape)
            var = self.running_var.reshape(shape)
        x_hat = (x - mean) / torch.sqrt(var + self.eps)
        return x_hat * self.weight.reshape(shape) + self.bias.reshape(shape)
