# mutant: 'batchmean' averages over every element like 'mean'
# expect: not by the number of elements
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    if log_target:
        pw = torch.exp(target) * (target - input)
    else:
        pw = torch.xlogy(target, target) - target * input
    if reduction == "none":
        return pw
    if reduction == "sum":
        return pw.sum()
    return pw.mean()
