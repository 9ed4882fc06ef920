# alternative: a hand-written stable softplus, max(x, 0) + log1p(exp(-|x|)), a stable sigmoid
# from exp(-|x|) (only non-positive numbers are exponentiated), and 1 - t^2 as (1 - t)(1 + t)
import torch


def mish_backward(grad_output, x):
    sp = torch.clamp_min(x, 0) + torch.log1p(torch.exp(-x.abs()))
    t = torch.tanh(sp)
    e = torch.exp(-x.abs())
    sig = torch.where(x >= 0, 1 / (1 + e), e / (1 + e))
    return grad_output * t + grad_output * x * sig * (1 - t) * (1 + t)
