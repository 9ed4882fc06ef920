"""Reference: move the channels last, then merge the two pixel axes."""

import torch


def to_tokens(x: torch.Tensor) -> torch.Tensor:
    B, C, H, W = x.shape
    # view/reshape keep the memory order (C, H, W), so C must be moved behind H and W first.
    # permute only swaps strides. Merging H and W is a view when they are still adjacent
    # in memory and a copy otherwise (e.g. H and W transposed); reshape handles both.
    return x.permute(0, 2, 3, 1).reshape(B, H * W, C)  # (B, H*W, C), token h*W + w
