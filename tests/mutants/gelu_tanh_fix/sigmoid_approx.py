# mutant: uses the other well-known approximation, x * sigmoid(1.702 x)
# expect: sigmoid approximation
import torch


def gelu_tanh(x):
    return x * torch.sigmoid(1.702 * x)
