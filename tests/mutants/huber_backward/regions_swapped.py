# mutant: puts δ·sign(d) in the quadratic region and d in the linear one
# expect: the two regions are swapped
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    d = input - target
    g = torch.where(d.abs() <= delta, delta * torch.sign(d), d)
    return g / d.numel() if reduction == "mean" else g
