# mutant: the textbook quotient with exp(-x): inf/inf = NaN once exp overflows
# expect: exp() overflowed
import torch


def silu_backward(grad_output, x):
    e = torch.exp(-x)
    return grad_output * (1 + e + x * e) / (1 + e) ** 2
