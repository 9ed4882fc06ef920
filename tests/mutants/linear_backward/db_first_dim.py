# mutant: sums grad_bias over dim 0 only, which is right for (N, in) but not for (B, T, in)
# expect: summed over the first dim only
import torch


def linear_backward(grad_output, x, weight, bias):
    g2 = grad_output.reshape(-1, weight.shape[0])
    x2 = x.reshape(-1, weight.shape[1])
    grad_bias = None if bias is None else grad_output.sum(0)
    return grad_output @ weight, g2.T @ x2, grad_bias
