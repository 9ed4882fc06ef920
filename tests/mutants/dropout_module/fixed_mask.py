# mutant: reseeds the generator in forward, so every call drops the same elements
# expect: fresh mask each call
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.p = p

    def forward(self, x):
        if not self.training:
            return x
        if self.p == 1.0:
            return torch.zeros_like(x)
        torch.manual_seed(0)
        keep = (torch.rand_like(x) >= self.p).to(x.dtype)
        return x * keep / (1 - self.p)
