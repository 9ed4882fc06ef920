# mutant: ignores log_target and always treats the target as probabilities
# expect: log_target=True means the target is already a log-probability
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    pw = torch.xlogy(target, target) - target * input
    if reduction == "none":
        return pw
    if reduction == "sum":
        return pw.sum()
    if reduction == "batchmean":
        return pw.sum() / input.shape[0]
    return pw.sum() / input.numel()
