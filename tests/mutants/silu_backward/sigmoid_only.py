# mutant: forgets the product rule and returns grad * sigmoid(x)
# expect: product rule
import torch


def silu_backward(grad_output, x):
    return grad_output * torch.sigmoid(x)
