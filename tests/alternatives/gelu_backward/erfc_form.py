# alternative: Phi(x) = 0.5 * erfc(-x / sqrt 2) (accurate in the far left tail), and the tanh
# form with sech^2(u) = 1 - tanh(u)^2 and the 0.5 factored differently
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "tanh":
        c = math.sqrt(2 / math.pi)
        u = c * (x + 0.044715 * x * x * x)
        sech2 = 1 - torch.tanh(u) ** 2
        return grad_output * (0.5 + 0.5 * torch.tanh(u) + 0.5 * x * sech2 * c * (1 + 3 * 0.044715 * x * x))
    cdf = 0.5 * torch.erfc(-x / math.sqrt(2))
    pdf = (1 / math.sqrt(2 * math.pi)) * torch.exp(-(x * x) / 2)
    return grad_output * (cdf + x * pdf)
