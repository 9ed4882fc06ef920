# mutant: the textbook formula with torch.log(torch.sigmoid(x)), which overflows
# expect: overflow to −inf for large |x|
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    p = 1.0 if pos_weight is None else pos_weight
    s = torch.sigmoid(logits)
    loss = -(p * target * torch.log(s) + (1 - target) * torch.log(1 - s))
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()
