# mutant: recovers x with logit/atanh and recomputes the activation (forbidden)
# expect: forbids
import torch


def activation_backward(grad_output, output, kind):
    if kind == "sigmoid":
        s = torch.sigmoid(torch.logit(output))
        return grad_output * s * (1 - s)
    t = torch.tanh(torch.atanh(output))
    return grad_output * (1 - t * t)
