# mutant: returns zeros for grad_bias when there is no bias
# expect: must be None, not zeros
import torch


def linear_backward(grad_output, x, weight, bias):
    g2 = grad_output.reshape(-1, weight.shape[0])
    x2 = x.reshape(-1, weight.shape[1])
    grad_bias = g2.sum(0) if bias is not None else torch.zeros(weight.shape[0], dtype=x.dtype, device=x.device)
    return grad_output @ weight, g2.T @ x2, grad_bias
