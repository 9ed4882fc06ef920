# mutant: tanh form with sqrt(pi/2) instead of sqrt(2/pi) (the slip in the notes)
# expect: not √(π/2)
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "none":
        cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
        pdf = torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)
        return grad_output * (cdf + x * pdf)
    k = math.sqrt(math.pi / 2)
    t = torch.tanh(k * (x + 0.044715 * x ** 3))
    return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x))
