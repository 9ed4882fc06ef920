# mutant: sums without keepdim, so the per-row sum broadcasts against the wrong axis
# expect: RuntimeError
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    return grad_output - output.exp() * grad_output.sum(dim)
