# alternative: the two regions written out with torch.where, sign from torch.sign
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    d = input - target
    inside = d.abs() <= delta
    g = torch.where(inside, d, delta * torch.sign(d))
    if reduction == "mean":
        g = g / d.numel()
    return g
