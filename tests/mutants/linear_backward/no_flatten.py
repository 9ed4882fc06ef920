# mutant: forgets to flatten the leading dims, so grad_weight is one matrix per batch element
# expect: not summed over all leading dims
import torch


def linear_backward(grad_output, x, weight, bias):
    grad_weight = grad_output.transpose(-1, -2) @ x if x.dim() >= 2 else torch.outer(grad_output, x)
    grad_bias = None
    if bias is not None:
        grad_bias = grad_output.reshape(-1, weight.shape[0]).sum(0)
    return grad_output @ weight, grad_weight, grad_bias
