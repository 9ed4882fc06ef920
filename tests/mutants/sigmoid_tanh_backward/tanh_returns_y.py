# mutant: for tanh multiplies by y itself instead of 1 - y^2
# expect: where tanh' = 1 − y² is needed
import torch


def activation_backward(grad_output, output, kind):
    y = output
    if kind == "sigmoid":
        return grad_output * y * (1 - y)
    return grad_output * y
