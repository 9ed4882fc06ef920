"""Huber loss backward without autograd.

Return d F.huber_loss(input, target, reduction=reduction, delta=delta) / d input.
reduction is "mean" or "sum". Run `dlquiz run huber_backward` to test.
"""

import torch


def huber_backward(input: torch.Tensor, target: torch.Tensor, delta: float = 1.0,
                   reduction: str = "mean") -> torch.Tensor:
    # TODO: return dL/dinput, same shape, dtype and device as input.
    raise NotImplementedError("huber_backward is not written yet")
