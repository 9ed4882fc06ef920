"""Reference: KL(target ‖ exp(input)) with F.kl_div's conventions."""

import torch


def kl_div_loss(input: torch.Tensor, target: torch.Tensor, reduction: str = "mean",
                log_target: bool = False) -> torch.Tensor:
    # input = log q (model), target = p (or log p). Pointwise p · (log p − log q).
    if log_target:
        pw = torch.exp(target) * (target - input)
    else:
        # xlogy(p, p) = p · log p with 0 · log 0 = 0, the limit, instead of NaN.
        pw = torch.xlogy(target, target) - target * input
    if reduction == "none":
        return pw                                  # shape of input
    if reduction == "sum":
        return pw.sum()
    if reduction == "batchmean":
        return pw.sum() / input.shape[0]          # KL per sample: the mathematical definition
    return pw.sum() / input.numel()               # 'mean': averages over every element
