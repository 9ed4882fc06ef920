# mutant: ignores `approximate` and always uses the tanh-approximation gradient
# expect: that is the gradient of the tanh approximation
import math
import torch


def gelu_backward(grad_output, x, approximate="none"):
    k = math.sqrt(2 / math.pi)
    t = torch.tanh(k * (x + 0.044715 * x ** 3))
    return grad_output * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x))
