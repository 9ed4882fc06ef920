# alternative: −log σ(x) = logaddexp(0, −x) and −log(1 − σ(x)) = logaddexp(0, x)
import torch


def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
    zero = torch.zeros((), dtype=logits.dtype, device=logits.device)
    neg_log_p = torch.logaddexp(zero, -logits)        # −log σ(x)
    neg_log_q = torch.logaddexp(zero, logits)         # −log(1 − σ(x))
    p = 1.0 if pos_weight is None else pos_weight
    loss = p * target * neg_log_p + (1 - target) * neg_log_q
    return {"none": loss, "sum": loss.sum(), "mean": loss.mean()}[reduction]
