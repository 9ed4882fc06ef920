# mutant: writes the term as p · (input − log p), the negative of KL
# expect: the sign is flipped
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    p = torch.exp(target) if log_target else target
    pw = p * input - (p * target if log_target else torch.xlogy(p, p))
    if reduction == "none":
        return pw
    if reduction == "sum":
        return pw.sum()
    if reduction == "batchmean":
        return pw.sum() / input.shape[0]
    return pw.sum() / input.numel()
