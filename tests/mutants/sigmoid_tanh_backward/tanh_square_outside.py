# mutant: writes tanh' as (1 - y)^2 instead of 1 - y^2
# expect: not (1 − y)²
import torch


def activation_backward(grad_output, output, kind):
    y = output
    if kind == "sigmoid":
        return grad_output * y * (1 - y)
    return grad_output * (1 - y) ** 2
