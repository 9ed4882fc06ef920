"""Reference: log-sum-exp with the per-slice max pulled out."""

import torch


def logsumexp(x: torch.Tensor, dim: int, keepdim: bool = False) -> torch.Tensor:
    # log Σ exp(x) = m + log Σ exp(x − m); with m the max of each slice the largest term is
    # exp(0) = 1, so nothing overflows and the sum is never 0.
    m = x.amax(dim, keepdim=True)                              # (..., 1, ...)
    # An all −inf slice (or one with +inf) has an infinite max and x − m would be NaN.
    # With m = 0 there, exp gives 0 (or inf) and log gives −inf (or +inf), as PyTorch does.
    m = torch.where(torch.isinf(m), torch.zeros_like(m), m)
    out = m + torch.log(torch.exp(x - m).sum(dim, keepdim=True))
    return out if keepdim else out.squeeze(dim)
