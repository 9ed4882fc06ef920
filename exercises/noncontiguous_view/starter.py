"""Merge attention heads: (B, H, T, D) -> (B, T, H*D).

This code crashes. Run `dlquiz run noncontiguous_view`, read the error, and fix it.
"""

import torch


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    B, H, T, D = x.shape
    # Bring the head axis next to the feature axis, then merge them.
    return x.transpose(1, 2).view(B, T, H * D)
