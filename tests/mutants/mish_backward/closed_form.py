# mutant: the expanded closed form e^x * omega / delta^2, which overflows in float32
# expect: closed form
import torch


def mish_backward(grad_output, x):
    e = torch.exp(x)
    omega = 4 * (x + 1) + 4 * torch.exp(2 * x) + torch.exp(3 * x) + e * (4 * x + 6)
    delta = 2 * e + torch.exp(2 * x) + 2
    return grad_output * e * omega / delta ** 2
