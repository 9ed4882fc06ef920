"""Cross-entropy backward without autograd.

Return d F.cross_entropy(logits, target) / d logits (mean reduction), shape (N, C).
Run `dlquiz run cross_entropy_backward` to test, `dlquiz hint cross_entropy_backward` for a hint.
"""

import torch


def cross_entropy_backward(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # logits: (N, C) float; target: (N,) int64.
    # TODO: return dL/dlogits, same shape, dtype and device as logits.
    raise NotImplementedError("cross_entropy_backward is not written yet")
