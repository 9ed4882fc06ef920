# alternative: keep only the non-ignored rows with boolean indexing, log p = x − logsumexp, scatter back for "none"
import torch


def cross_entropy(logits, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    C = logits.shape[1]
    x = logits.movedim(1, -1).reshape(-1, C)
    t = target.reshape(-1)
    keep = t != ignore_index
    xs, ts = x[keep], t[keep]                                # (K, C), (K,)
    lse = torch.logsumexp(xs, dim=1)                         # (K,)
    picked = xs[torch.arange(len(ts), device=x.device), ts]  # (K,)
    w = weight if weight is not None else x.new_ones(C)
    wy = w[ts]
    loss = (1 - label_smoothing) * wy * (lse - picked)
    if label_smoothing:
        loss = loss + label_smoothing / C * ((lse[:, None] - xs) * w).sum(1)
    if reduction == "none":
        out = x.new_zeros(t.shape)
        out[keep] = loss
        return out.reshape(target.shape)
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / wy.sum()
