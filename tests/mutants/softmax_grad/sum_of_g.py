# mutant: subtracts sum(g) instead of sum(g * y)
# expect: Σg instead of Σ(g·y)
import torch


def softmax_backward(grad_output, output, dim=-1):
    return output * (grad_output - grad_output.sum(dim, keepdim=True))
