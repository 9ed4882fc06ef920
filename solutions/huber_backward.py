"""Reference: the Huber gradient is the residual clipped to [−δ, δ]."""

import torch


def huber_backward(input: torch.Tensor, target: torch.Tensor, delta: float = 1.0,
                   reduction: str = "mean") -> torch.Tensor:
    d = input - target                      # same shape as input
    # ½d² → d inside |d| ≤ δ; δ(|d| − ½δ) → δ·sign(d) outside. Both are ±δ at |d| = δ,
    # so the whole gradient is d clipped to [−δ, δ] (and 0 at d = 0, no division).
    g = torch.clamp(d, -delta, delta)
    if reduction == "mean":
        g = g / d.numel()                   # the mean runs over every element
    return g
