"""Reference: split the feature dim, then swap T and H; both steps only change strides."""

import torch


def split_heads(x: torch.Tensor, num_heads: int) -> torch.Tensor:
    B, T, C = x.shape                      # (B, T, H*D), contiguous
    D = C // num_heads
    # Cutting one dim into two never needs a copy: head h is the block [h*D, (h+1)*D).
    x = x.view(B, T, num_heads, D)         # (B, T, H, D)
    # Swapping two dims swaps two strides; the memory stays as it was.
    return x.transpose(1, 2)               # (B, H, T, D), a non-contiguous view of x
