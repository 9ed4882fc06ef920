import torch
from torch import nn


class BatchNorm1d(nn.Module):
    """Persistent buffers updated with lerp_; statistics via explicit sums over N (and L)."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps = eps
        self.momentum = momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features), persistent=True)
        self.register_buffer("running_var", torch.full((num_features,), 1.0), persistent=True)

    def forward(self, x):
        x3 = x.unsqueeze(-1) if x.dim() == 2 else x                  # (N, C, L)
        if self.training:
            n = x3.shape[0] * x3.shape[2]
            mean = x3.sum(dim=(0, 2)) / n
            sq = ((x3 - mean[:, None]) ** 2).sum(dim=(0, 2))
            var = sq / n
            with torch.no_grad():
                self.running_mean.lerp_(mean, self.momentum)
                self.running_var.lerp_(sq / (n - 1), self.momentum)
        else:
            mean, var = self.running_mean, self.running_var
        y = (x3 - mean[:, None]) / torch.sqrt(var[:, None] + self.eps)
        y = y * self.weight[:, None] + self.bias[:, None]
        return y.squeeze(-1) if x.dim() == 2 else y
