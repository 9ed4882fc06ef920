# mutant: running statistics as nn.Parameter(requires_grad=False)
# expect: an nn.Parameter: it is listed in parameters()
"""Reference: BatchNorm1d with its running statistics registered as buffers."""

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
        # Buffers, not plain attributes: register_buffer puts them in state_dict() (so
        # checkpoints keep them and load_state_dict restores them) and makes .to(),
        # .double() and .cuda() convert them along with the parameters. Not Parameters
        # either: the optimizer must never see them.
        self.running_mean = nn.Parameter(torch.zeros(num_features), requires_grad=False)
        self.running_var = nn.Parameter(torch.ones(num_features), requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (N, C) or (N, C, L)
        dims = (0,) if x.dim() == 2 else (0, 2)
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1)
        if self.training:
            n = x.numel() // x.shape[1]
            mean = x.mean(dim=dims, keepdim=True)
            var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
            # In place, under no_grad: the buffer objects stay the registered ones and carry
            # no autograd history.
            with torch.no_grad():
                m = self.momentum
                self.running_mean.mul_(1 - m).add_(m * mean.reshape(-1))
                self.running_var.mul_(1 - m).add_(m * var.reshape(-1) * n / (n - 1))
        else:
            mean = self.running_mean.reshape(shape)
            var = self.running_var.reshape(shape)
        x_hat = (x - mean) / torch.sqrt(var + self.eps)
        return x_hat * self.weight.reshape(shape) + self.bias.reshape(shape)
