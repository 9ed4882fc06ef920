# alternative: factor x out of the inner polynomial and precompute the constants
import math
import torch

A = math.sqrt(2 / math.pi)
B = A * 0.044715


def gelu_tanh(x):
    inner = x * (A + B * x * x)
    return x * 0.5 + x * 0.5 * torch.tanh(inner)
