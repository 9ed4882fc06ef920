import torch
from torch import nn


class DyT(nn.Module):
    """tanh(u) = 2·sigmoid(2u) − 1; parameters registered explicitly."""

    def __init__(self, num_features, alpha_init=0.5):
        super().__init__()
        self.register_parameter("alpha", nn.Parameter(torch.ones(1) * alpha_init))
        self.register_parameter("weight", nn.Parameter(torch.ones(num_features)))
        self.register_parameter("bias", nn.Parameter(torch.zeros(num_features)))

    def forward(self, x):
        t = 2 * torch.sigmoid(2 * self.alpha * x) - 1
        return torch.addcmul(self.bias, t, self.weight)
