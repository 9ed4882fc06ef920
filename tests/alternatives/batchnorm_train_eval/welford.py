import torch
from torch import nn


class BatchNorm1d(nn.Module):
    """Welford's streaming mean/variance over the N·L samples of each channel."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps = eps
        self.momentum = momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        c = x.shape[1]
        shape = (1, c) if x.dim() == 2 else (1, c, 1)
        if self.training:
            samples = x.transpose(0, 1).reshape(c, -1).transpose(0, 1)   # (n, C)
            n = samples.shape[0]
            mean = torch.zeros_like(samples[0])
            m2 = torch.zeros_like(samples[0])
            for k in range(n):
                delta = samples[k] - mean
                mean = mean + delta / (k + 1)
                m2 = m2 + delta * (samples[k] - mean)
            var = m2 / n
            with torch.no_grad():
                mom = self.momentum
                self.running_mean.copy_((1 - mom) * self.running_mean + mom * mean)
                self.running_var.copy_((1 - mom) * self.running_var + mom * m2 / (n - 1))
            mean, var = mean.reshape(shape), var.reshape(shape)
        else:
            mean = self.running_mean.reshape(shape)
            var = self.running_var.reshape(shape)
        return (x - mean) / torch.sqrt(var + self.eps) * self.weight.reshape(shape) + self.bias.reshape(shape)
