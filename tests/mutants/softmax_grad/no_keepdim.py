# mutant: sums without keepdim, so the per-row scalar broadcasts against the wrong axis
# expect: RuntimeError
import torch


def softmax_backward(grad_output, output, dim=-1):
    gy = (grad_output * output).sum(dim)
    return output * (grad_output - gy)
