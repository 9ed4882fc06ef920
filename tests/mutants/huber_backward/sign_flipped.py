# mutant: residual taken as target − input
# expect: the sign is flipped
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    d = target - input
    g = torch.where(d.abs() <= delta, d, delta * torch.sign(d))
    return g / d.numel() if reduction == "mean" else g
