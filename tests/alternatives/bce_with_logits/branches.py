# alternative: split on the sign of x so every exp() sees a non-positive argument
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    x, t = logits, target
    e = torch.exp(-x.abs())                            # ≤ 1, never overflows
    log1pe = torch.log1p(e)
    # −log σ(x): for x ≥ 0 it is log(1 + e^−x); for x < 0 it is −x + log(1 + e^x).
    nlp = torch.where(x >= 0, log1pe, -x + log1pe)
    nlq = nlp + x                                      # −log(1 − σ(x)) = x − log σ(x)
    if pos_weight is not None:
        nlp = nlp * pos_weight
    loss = t * nlp + (1 - t) * nlq
    if reduction == "mean":
        return loss.sum() / loss.numel()
    if reduction == "sum":
        return loss.sum()
    return loss
