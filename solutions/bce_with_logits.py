"""Reference: BCE on logits in the log-sum-exp-safe form."""

import torch


def bce_with_logits(logits: torch.Tensor, target: torch.Tensor, pos_weight: torch.Tensor | None = None,
                    reduction: str = "mean") -> torch.Tensor:
    x, t = logits, target                                     # (..., C)
    # softplus(−x) = log(1 + e^(−x)) = −log σ(x), written so that exp never sees a positive
    # argument: max(−x, 0) + log1p(e^(−|x|)).
    sp = torch.clamp(-x, min=0) + torch.log1p(torch.exp(-x.abs()))
    # −log(1 − σ(x)) = x + softplus(−x), so ℓ = (1 − t)·x + (p·t + 1 − t)·softplus(−x).
    p = 1.0 if pos_weight is None else pos_weight            # (C,) broadcasts over the last dim
    loss = (1 - t) * x + (1 + (p - 1) * t) * sp
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()                                        # over every element
