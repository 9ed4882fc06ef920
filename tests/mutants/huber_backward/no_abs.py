# mutant: tests d <= δ instead of |d| <= δ, so large negative residuals stay quadratic
# expect: must use |d|
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    d = input - target
    g = torch.where(d <= delta, d, delta * torch.sign(d))
    return g / d.numel() if reduction == "mean" else g
