# mutant: naive softplus log1p(exp(x)) and its derivative exp(x) / (1 + exp(x)): NaN past 88.7
# expect: exp(x) overflowed
import torch


def mish_backward(grad_output, x):
    e = torch.exp(x)
    t = torch.tanh(torch.log1p(e))
    return grad_output * (t + x * (1 - t * t) * e / (1 + e))
