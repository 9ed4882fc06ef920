# mutant: right values, but overwrites grad_output in place
# expect: in place
import torch


def softmax_backward(grad_output, output, dim=-1):
    gy = (grad_output * output).sum(dim, keepdim=True)
    return grad_output.sub_(gy).mul_(output)
