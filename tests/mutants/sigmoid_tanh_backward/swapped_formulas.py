# mutant: mixes up the two derivatives (1 - y^2 for sigmoid, y(1 - y) for tanh)
# expect: formulas are swapped
import torch


def activation_backward(grad_output, output, kind):
    y = output
    if kind == "sigmoid":
        return grad_output * (1 - y * y)
    return grad_output * y * (1 - y)
