# mutant: fixes the constant but still returns the gate without the leading x
# expect: the leading x is missing
import math
import torch


def gelu_tanh(x):
    return 0.5 * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
