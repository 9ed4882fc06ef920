"""Reference: merge heads with a transpose and a reshape."""

import torch


def merge_heads(x: torch.Tensor) -> torch.Tensor:
    B, H, T, D = x.shape
    # (B, H, T, D) -> (B, T, H, D): only strides change, memory stays in (B, H, T, D) order,
    # so H and D are no longer adjacent and `view` cannot merge them. reshape copies here.
    return x.transpose(1, 2).reshape(B, T, H * D)  # (B, T, H*D)
