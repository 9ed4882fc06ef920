# alternative: KL as p·log p − p·input with the zeros masked by torch.where, and the
# log-target case converted to probabilities first
import torch


def kl_div_loss(input, target, reduction="mean", log_target=False):
    if log_target:
        p, log_p = target.exp(), target
    else:
        p = target
        log_p = torch.where(p > 0, p, torch.ones_like(p)).log()      # log 1 = 0 where p = 0
    pw = p * (log_p - input)
    total = pw.sum()
    return {"none": pw, "sum": total, "mean": total / pw.numel(),
            "batchmean": total / pw.shape[0]}[reduction]
