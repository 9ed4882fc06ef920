"""Numerically stable binary cross-entropy on logits.

Match torch.nn.functional.binary_cross_entropy_with_logits (pos_weight, reduction).
Run `dlquiz run bce_with_logits` to test, `dlquiz hint bce_with_logits` for a hint.
"""

import torch


def bce_with_logits(logits: torch.Tensor, target: torch.Tensor, pos_weight: torch.Tensor | None = None,
                    reduction: str = "mean") -> torch.Tensor:
    # logits, target: same shape; pos_weight: (logits.shape[-1],) or None.
    # TODO: stay finite for |logits| up to 100 in float32.
    raise NotImplementedError("bce_with_logits is not written yet")
