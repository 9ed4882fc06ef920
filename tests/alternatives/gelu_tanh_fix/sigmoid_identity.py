# alternative: 0.5 * (1 + tanh(u)) = sigmoid(2u), so the tanh form is x * sigmoid(2u)
import math
import torch


def gelu_tanh(x):
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x.pow(3))
    return x * torch.sigmoid(2 * u)
