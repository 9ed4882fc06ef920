# mutant: the normal CDF written as 0.5 * (1 + erf(x)), forgetting the 1/sqrt(2)
# expect: uses erf(x)
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "none":
        cdf = 0.5 * (1 + torch.erf(x))
        pdf = torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)
        return grad_output * (cdf + x * pdf)
    k = math.sqrt(2 / math.pi)
    t = torch.tanh(k * (x + 0.044715 * x ** 3))
    return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x))
