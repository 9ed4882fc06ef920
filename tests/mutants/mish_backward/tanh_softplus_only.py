# mutant: forgets the product rule: grad * tanh(softplus(x))
# expect: product rule also needs
import torch
import torch.nn.functional as F


def mish_backward(grad_output, x):
    return grad_output * torch.tanh(F.softplus(x))
