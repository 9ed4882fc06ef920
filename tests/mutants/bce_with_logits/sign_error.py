# mutant: the stable form written with + x·t instead of − x·t
# expect: the sign of x·t is wrong
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    x, t = logits, target
    loss = torch.clamp(x, min=0) + x * t + torch.log1p(torch.exp(-x.abs()))
    if pos_weight is not None:
        loss = loss * (1 + (pos_weight - 1) * t)
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()
