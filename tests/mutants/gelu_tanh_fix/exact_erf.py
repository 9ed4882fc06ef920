# mutant: replaces the approximation by the exact erf GELU
# expect: that is the exact erf GELU
import math
import torch


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))
