# mutant: log-softmax written as log(exp(x) / sum(exp(x))) without subtracting the max
# expect: exp() overflowed
import torch


def cross_entropy(logits, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    C = logits.shape[1]
    e = torch.exp(logits)
    logp = torch.log(e / e.sum(1, keepdim=True))
    if weight is None:
        weight = torch.ones(C, dtype=logits.dtype, device=logits.device)
    valid = target != ignore_index
    t = torch.where(valid, target, torch.zeros_like(target))
    w_t = weight[t] * valid
    per = w_t * -logp.gather(1, t.unsqueeze(1)).squeeze(1)
    if label_smoothing:
        w_c = weight.reshape([1, C] + [1] * (logits.dim() - 2))
        smooth = -(logp * w_c).sum(1) * valid
        per = (1 - label_smoothing) * per + label_smoothing / C * smooth
    if reduction == "none":
        return per
    if reduction == "sum":
        return per.sum()
    return per.sum() / w_t.sum()
