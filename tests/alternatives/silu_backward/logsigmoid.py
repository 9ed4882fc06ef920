# alternative: sigma(x) and 1 - sigma(x) = sigma(-x) both from logsigmoid, then
# silu' = sigma(x) + x * sigma(x) * sigma(-x)
import torch
import torch.nn.functional as F


def silu_backward(grad_output, x):
    s = torch.exp(F.logsigmoid(x))
    s_neg = torch.exp(F.logsigmoid(-x))
    return grad_output * (s + x * s * s_neg)
