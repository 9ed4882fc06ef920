# mutant: reduction='mean' returns the sum
# expect: you returned the sum
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    x, t = logits, target
    p = 1.0 if pos_weight is None else pos_weight
    sp = torch.clamp(-x, min=0) + torch.log1p(torch.exp(-x.abs()))
    loss = (1 - t) * x + (1 + (p - 1) * t) * sp
    if reduction == "none":
        return loss
    return loss.sum()
