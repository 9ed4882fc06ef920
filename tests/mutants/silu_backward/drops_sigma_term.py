# mutant: differentiates only the sigmoid factor, x * sigma'(x)
# expect: the σ(x) term of the product rule is missing
import torch


def silu_backward(grad_output, x):
    s = torch.sigmoid(x)
    return grad_output * x * s * (1 - s)
