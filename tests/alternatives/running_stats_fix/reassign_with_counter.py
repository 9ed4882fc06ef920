import torch
from torch import nn


class BatchNorm1d(nn.Module):
    """Buffers (plus num_batches_tracked, as PyTorch has), replaced by reassignment each step."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))

    def forward(self, x):
        c = x.shape[1]
        flat = x.transpose(0, 1).reshape(c, -1)                     # (C, n)
        if self.training:
            var, mean = torch.var_mean(flat, dim=1, correction=0)
            n = flat.shape[1]
            m = self.momentum
            # assigning a tensor to a registered buffer's name keeps it a buffer
            self.running_mean = ((1 - m) * self.running_mean + m * mean).detach()
            self.running_var = ((1 - m) * self.running_var + m * var * n / (n - 1)).detach()
            self.num_batches_tracked = self.num_batches_tracked + 1
        else:
            mean, var = self.running_mean, self.running_var
        scale = self.weight / torch.sqrt(var + self.eps)
        shift = self.bias - mean * scale
        out = flat * scale[:, None] + shift[:, None]
        return out.reshape((c, x.shape[0]) + tuple(x.shape[2:])).transpose(0, 1)
