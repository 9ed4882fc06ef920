# mutant: both bugs fixed, but the cubic term written with x ** 2
# expect: 0.044715·x²
import math
import torch


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 2)))
