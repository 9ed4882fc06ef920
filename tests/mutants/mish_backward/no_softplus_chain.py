# mutant: forgets the chain rule through softplus (no sigma(x) factor)
# expect: the chain rule through softplus is missing
import torch
import torch.nn.functional as F


def mish_backward(grad_output, x):
    t = torch.tanh(F.softplus(x))
    return grad_output * (t + x * (1 - t * t))
