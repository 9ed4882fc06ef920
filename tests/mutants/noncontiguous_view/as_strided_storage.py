# mutant: reads x's storage as if x were contiguous (breaks on sliced and transposed inputs)
# expect: differ
import torch


def merge_heads(x):
    B, H, T, D = x.shape
    flat = torch.as_strided(x, (B, H, T, D), (H * T * D, T * D, D, 1), x.storage_offset())
    return flat.transpose(1, 2).reshape(B, T, H * D)
