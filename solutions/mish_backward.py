"""Reference: Mish backward by the product and chain rules, with saturating pieces only."""

import torch
import torch.nn.functional as F


def mish_backward(grad_output: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    # grad_output, x: same shape, any rank.
    # mish(x) = x·t with t = tanh(softplus(x)).
    # t' = (1 − t²)·softplus'(x) = (1 − t²)·σ(x), so mish'(x) = t + x·(1 − t²)·σ(x).
    # F.softplus returns x itself above its threshold (20) instead of log1p(exp(x)), so it never
    # overflows; tanh and sigmoid saturate to ±1 / 0..1, so no inf/inf can appear.
    t = torch.tanh(F.softplus(x))
    return grad_output * (t + x * (1 - t * t) * torch.sigmoid(x))
