# alternative: KL = cross-entropy(p, q) − entropy(p), written per element with
# special.entr (−p log p, 0 at p = 0)
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    p = target.exp() if log_target else target
    neg_entropy = -torch.special.entr(p)           # p log p, 0 at p = 0
    pw = neg_entropy - p * input                   # p log p − p log q
    if reduction == "none":
        return pw
    s = pw.sum()
    if reduction == "sum":
        return s
    return s / (input.shape[0] if reduction == "batchmean" else input.numel())
