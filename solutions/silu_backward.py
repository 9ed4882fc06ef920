"""Reference: SiLU backward through a numerically stable sigmoid."""

import torch


def silu_backward(grad_output: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    # grad_output, x: same shape, any rank.
    # silu(x) = x·σ(x)  →  silu'(x) = σ(x) + x·σ(x)(1 − σ(x)) = σ(x)·(1 + x·(1 − σ(x))).
    # torch.sigmoid never overflows (it saturates to 0 or 1), so nothing here becomes inf/inf.
    s = torch.sigmoid(x)
    return grad_output * s * (1 + x * (1 - s))
