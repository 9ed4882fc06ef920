# mutant: the mean divides by the number of rows N instead of all N·C elements
# expect: not over the batch dim only
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    x, t = logits, target
    p = 1.0 if pos_weight is None else pos_weight
    sp = torch.clamp(-x, min=0) + torch.log1p(torch.exp(-x.abs()))
    loss = (1 - t) * x + (1 + (p - 1) * t) * sp
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / x.shape[0]
