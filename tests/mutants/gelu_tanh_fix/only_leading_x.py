# mutant: adds the leading x but keeps sqrt(pi/2)
# expect: the constant is √(π/2)
import math
import torch


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(math.pi / 2) * (x + 0.044715 * x ** 3)))
