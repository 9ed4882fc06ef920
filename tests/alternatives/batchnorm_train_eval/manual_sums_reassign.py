import torch
from torch import nn


class BatchNorm1d(nn.Module):
    """Explicit sums and counts; buffers replaced by reassignment of detached tensors."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        x3 = x if x.dim() == 3 else x.unsqueeze(-1)          # (N, C, L), L = 1 for 2-D input
        n = x3.shape[0] * x3.shape[2]
        if self.training:
            mean = x3.sum(dim=(0, 2)) / n                      # (C,)
            centered = x3 - mean[None, :, None]
            sq = (centered * centered).sum(dim=(0, 2))         # (C,)
            var = sq / n
            m = self.momentum
            # assigning to a registered buffer name keeps it a buffer
            self.running_mean = ((1 - m) * self.running_mean + m * mean).detach()
            self.running_var = ((1 - m) * self.running_var + m * sq / (n - 1)).detach()
        else:
            mean, var = self.running_mean, self.running_var
            centered = x3 - mean[None, :, None]
        y = centered / (var + self.eps).sqrt()[None, :, None]
        y = y * self.weight[None, :, None] + self.bias[None, :, None]
        return y if x.dim() == 3 else y.squeeze(-1)
