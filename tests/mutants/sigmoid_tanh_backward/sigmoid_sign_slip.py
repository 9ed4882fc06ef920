# mutant: sign slip in the sigmoid derivative, y(1 + y)
# expect: not y·(1 + y)
import torch


def activation_backward(grad_output, output, kind):
    y = output
    if kind == "sigmoid":
        return grad_output * y * (1 + y)
    return grad_output * (1 - y * y)
