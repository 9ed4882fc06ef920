# mutant: differentiates u = sqrt(2/pi)(x + 0.044715 x^3) as if it were sqrt(2/pi) x
# expect: 3·0.044715·x² term
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "none":
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
        pdf = torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)
        return grad_output * (cdf + x * pdf)
    k = math.sqrt(2 / math.pi)
    t = torch.tanh(k * (x + 0.044715 * x ** 3))
    return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k)
