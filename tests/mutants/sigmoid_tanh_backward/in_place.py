# mutant: right values, but scales grad_output in place
# expect: in place
import torch


def activation_backward(grad_output, output, kind):
    y = output
    if kind == "sigmoid":
        return grad_output.mul_(y * (1 - y))
    return grad_output.mul_(1 - y * y)
