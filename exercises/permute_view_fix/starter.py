"""Feature map to tokens: (B, C, H, W) -> (B, H*W, C), out[b, h*W + w, c] == x[b, c, h, w].

This code runs and returns the right shape, but the hidden tests fail.
Run `dlquiz run permute_view_fix`, look at where the numbers go, and fix it.
"""

import torch


def to_tokens(x: torch.Tensor) -> torch.Tensor:
    B, C, H, W = x.shape
    # One token per pixel, C features each.
    return x.view(B, H * W, C)
