# mutant: flattens with .view, which cannot reshape a transposed or strided input
# expect: view size is not compatible
import torch


def linear_backward(grad_output, x, weight, bias):
    g2 = grad_output.view(-1, weight.shape[0])
    x2 = x.view(-1, weight.shape[1])
    grad_bias = None if bias is None else g2.sum(0)
    return grad_output @ weight, g2.T @ x2, grad_bias
