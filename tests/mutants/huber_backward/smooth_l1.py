# mutant: uses the SmoothL1 gradient (d/δ inside, sign(d) outside) for Huber
# expect: SmoothL1 gradient
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    d = input - target
    g = torch.where(d.abs() <= delta, d / delta, torch.sign(d))
    return g / d.numel() if reduction == "mean" else g
