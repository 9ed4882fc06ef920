# mutant: pos_weight multiplies the negative term instead of the positive one
# expect: you put it on the negatives
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    x, t = logits, target
    p = 1.0 if pos_weight is None else pos_weight
    sp = torch.clamp(-x, min=0) + torch.log1p(torch.exp(-x.abs()))    # −log σ(x)
    loss = t * sp + p * (1 - t) * (x + sp)
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()
