# mutant: grad_weight = xᵀ @ g, the (in, out) layout of y = x @ W instead of nn.Linear's (out, in)
# expect: grad_weight is transposed
import torch


def linear_backward(grad_output, x, weight, bias):
    g2 = grad_output.reshape(-1, weight.shape[0])
    x2 = x.reshape(-1, weight.shape[1])
    grad_bias = None if bias is None else g2.sum(0)
    return grad_output @ weight, x2.T @ g2, grad_bias
