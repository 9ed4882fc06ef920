# mutant: uses tanh(x) instead of tanh(softplus(x))
# expect: gradient of x·tanh(x)
import torch


def mish_backward(grad_output, x):
    t = torch.tanh(x)
    return grad_output * (t + x * (1 - t * t))
