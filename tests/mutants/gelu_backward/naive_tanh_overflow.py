# mutant: writes tanh(u) as (e^2u - 1)/(e^2u + 1), which is inf/inf = NaN for large u
# expect: NaN
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "none":
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
        pdf = torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)
        return grad_output * (cdf + x * pdf)
    k = math.sqrt(2 / math.pi)
    e = torch.exp(2 * k * (x + 0.044715 * x ** 3))
    t = (e - 1) / (e + 1)
    return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x))
