# alternative: Phi via torch.special.ndtr, phi via log-density; the tanh form rewritten with
# 0.5(1 + tanh u) = sigmoid(2u) and 1 - tanh(u)^2 = 4 sigmoid(2u)(1 - sigmoid(2u))
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "none":
        phi = torch.exp(-0.5 * x.square() - 0.5 * math.log(2 * math.pi))
        return grad_output * (torch.special.ndtr(x) + x * phi)
    c = math.sqrt(2 / math.pi)
    s = torch.sigmoid(2 * c * (x + 0.044715 * x.pow(3)))
    du = c * (1 + 0.134145 * x.square())
    return grad_output * (s + x * 2 * s * (1 - s) * du)
