# mutant: computes KL(q ‖ p), treating input as the reference distribution
# expect: input and target are swapped
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    log_p = target if log_target else torch.log(target)
    pw = torch.exp(input) * (input - log_p)
    if reduction == "none":
        return pw
    if reduction == "sum":
        return pw.sum()
    if reduction == "batchmean":
        return pw.sum() / input.shape[0]
    return pw.sum() / input.numel()
