# mutant: treats output as softmax probabilities and applies softmax's backward formula
# expect: softmax backward formula
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    y = output
    return y * (grad_output - (grad_output * y).sum(dim, keepdim=True))
