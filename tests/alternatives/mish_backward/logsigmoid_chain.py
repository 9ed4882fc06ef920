# alternative: softplus(x) = -logsigmoid(-x), sigmoid from exp(logsigmoid(x))
import torch
import torch.nn.functional as F


def mish_backward(grad_output, x):
    sp = -F.logsigmoid(-x)
    t = torch.tanh(sp)
    sig = torch.exp(F.logsigmoid(x))
    return grad_output * (t + x * sig * (1 - t.pow(2)))
