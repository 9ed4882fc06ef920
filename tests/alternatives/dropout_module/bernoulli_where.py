# alternative: a Bernoulli keep-mask and torch.where, the scale precomputed once
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError("p must be between 0 and 1")
        self.p = float(p)

    def forward(self, x):
        if not self.training:
            return x
        keep_prob = 1.0 - self.p
        if keep_prob == 0.0:
            return x * 0
        keep = torch.bernoulli(torch.full_like(x, keep_prob)).bool()
        return torch.where(keep, x * (1.0 / keep_prob), torch.zeros_like(x))
