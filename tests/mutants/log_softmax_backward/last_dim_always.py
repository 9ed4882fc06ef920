# mutant: always sums the last dim, whatever `dim` says
# expect: last dim instead of `dim`
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    return grad_output - output.exp() * grad_output.sum(-1, keepdim=True)
