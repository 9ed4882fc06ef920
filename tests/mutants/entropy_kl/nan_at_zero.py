# mutant: t * log(t) written directly, NaN where the target is 0
# expect: 0·(−inf) = NaN where the target is 0
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    if log_target:
        pw = torch.exp(target) * (target - input)
    else:
        pw = target * (torch.log(target) - input)
    if reduction == "none":
        return pw
    if reduction == "sum":
        return pw.sum()
    if reduction == "batchmean":
        return pw.sum() / input.shape[0]
    return pw.sum() / input.numel()
