# alternative: a custom autograd.Function that saves the mask and applies it in backward
import torch
from torch import nn


class _Drop(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p):
        scale = torch.empty_like(x).uniform_().ge_(p).div_(1 - p)   # 0 or 1/(1-p)
        ctx.save_for_backward(scale)
        return x * scale

    @staticmethod
    def backward(ctx, grad):
        (scale,) = ctx.saved_tensors
        return grad * scale, None


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not (0 <= p <= 1):
            raise ValueError(f"bad p {p}")
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x.clone()
        if self.p == 1:
            return torch.zeros_like(x).requires_grad_(x.requires_grad) * x
        return _Drop.apply(x, self.p)
