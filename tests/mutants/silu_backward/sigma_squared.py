# mutant: writes sigma'(x) as sigma(x)^2 instead of sigma(x)(1 - sigma(x))
# expect: not σ(x)·σ(x)
import torch


def silu_backward(grad_output, x):
    s = torch.sigmoid(x)
    return grad_output * (s + x * s * s)
