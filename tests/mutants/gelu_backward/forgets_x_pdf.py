# mutant: exact form returns grad * Phi(x), forgetting the x * phi(x) product-rule term
# expect: x·φ(x) term is missing
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    if approximate == "none":
        return grad_output * 0.5 * (1 + torch.erf(x / math.sqrt(2)))
    k = math.sqrt(2 / math.pi)
    t = torch.tanh(k * (x + 0.044715 * x ** 3))
    return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x))
