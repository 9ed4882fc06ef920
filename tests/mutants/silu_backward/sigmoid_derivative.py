# mutant: uses the derivative of the sigmoid itself
# expect: that is the sigmoid's derivative
import torch


def silu_backward(grad_output, x):
    s = torch.sigmoid(x)
    return grad_output * s * (1 - s)
