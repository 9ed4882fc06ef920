# mutant: grad_x = g @ W.T (confuses W with its transpose)
# expect: grad_x used weight.T
import torch


def linear_backward(grad_output, x, weight, bias):
    g2 = grad_output.reshape(-1, weight.shape[0])
    x2 = x.reshape(-1, weight.shape[1])
    grad_bias = None if bias is None else g2.sum(0)
    return grad_output @ weight.T, g2.T @ x2, grad_bias
