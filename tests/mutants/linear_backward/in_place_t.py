# mutant: transposes weight in place with t_() to "save a copy"
# expect: in place
import torch


def linear_backward(grad_output, x, weight, bias):
    g2 = grad_output.reshape(-1, weight.shape[0])
    x2 = x.reshape(-1, weight.shape[1])
    grad_weight = (x2.T @ g2)
    wt = weight.t_()          # (in, out), but the caller's weight is now transposed too
    grad_x = grad_output @ wt.T
    wt.t_()
    grad_bias = None if bias is None else g2.sum(0)
    return grad_x, grad_weight.T, grad_bias
