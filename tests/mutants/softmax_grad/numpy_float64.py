# mutant: computes in NumPy float64 and returns a float64 tensor for float32 inputs
# expect: dtype
import numpy as np
import torch


def softmax_backward(grad_output, output, dim=-1):
    g = grad_output.detach().cpu().numpy().astype(np.float64)
    y = output.detach().cpu().numpy().astype(np.float64)
    dx = y * (g - (g * y).sum(axis=dim, keepdims=True))
    return torch.from_numpy(dx)
