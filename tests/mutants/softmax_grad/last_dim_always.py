# mutant: always reduces the last dim, whatever `dim` says
# expect: last dim instead of `dim`
import torch


def softmax_backward(grad_output, output, dim=-1):
    gy = (grad_output * output).sum(-1, keepdim=True)
    return output * (grad_output - gy)
