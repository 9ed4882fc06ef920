# alternative: move classes last, flatten to rows, build the smoothed one-hot distribution
# q and take Σ_c w_c q_c (−log p_c) per row
import torch


def cross_entropy(logits, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    C = logits.shape[1]
    x = logits.movedim(1, -1).reshape(-1, C)                 # (R, C)
    t = target.reshape(-1)                                   # (R,)
    w = torch.ones(C, dtype=x.dtype, device=x.device) if weight is None else weight
    valid = t != ignore_index
    safe = t.masked_fill(~valid, 0)
    onehot = torch.nn.functional.one_hot(safe, C).to(x.dtype)
    q = (1 - label_smoothing) * onehot + label_smoothing / C
    m = x.amax(1, keepdim=True)
    logp = x - m - (x - m).exp().sum(1, keepdim=True).log()
    per = -(q * w * logp).sum(1) * valid                     # (R,)
    if reduction == "none":
        return per.reshape(target.shape)
    if reduction == "sum":
        return per.sum()
    return per.sum() / (w[safe] * valid).sum()
