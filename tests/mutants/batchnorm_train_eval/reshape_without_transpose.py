# mutant: treats (N, C, L) as (N·L, C) with x.reshape(-1, C), which mixes channels
# expect: mixes channels
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
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        c = x.shape[1]
        flat = x.reshape(-1, c)            # wrong for 3-D: should move C last first
        if self.training:
            n = flat.shape[0]
            mean = flat.mean(dim=0)
            var = ((flat - mean) ** 2).mean(dim=0)
            with torch.no_grad():
                m = self.momentum
                self.running_mean.mul_(1 - m).add_(mean, alpha=m)
                self.running_var.mul_(1 - m).add_(var * n / (n - 1), alpha=m)
            y = ((flat - mean) / torch.sqrt(var + self.eps)).reshape(x.shape)
        else:
            shape = (1, -1) if x.dim() == 2 else (1, -1, 1)
            y = (x - self.running_mean.reshape(shape)) / torch.sqrt(self.running_var.reshape(shape) + self.eps)
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1)
        return y * self.weight.reshape(shape) + self.bias.reshape(shape)
