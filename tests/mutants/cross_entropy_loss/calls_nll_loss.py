# mutant: hands the weighting and ignoring to F.nll_loss, which this exercise forbids
# expect: calls torch.nn.functional.nll_loss
import torch
import torch.nn.functional as F


def cross_entropy(logits, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    logp = logits.log_softmax(1)
    return F.nll_loss(logp, target, weight=weight, ignore_index=ignore_index, reduction=reduction)
