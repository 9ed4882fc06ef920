# alternative: write the strides of the split-and-swapped view directly
import torch


def split_heads(x, num_heads):
    B, T, C = x.shape
    D = C // num_heads
    sb, st, sc = x.stride()
    # out[b, h, t, d] sits at b*sb + t*st + (h*D + d)*sc in storage.
    return torch.as_strided(x, (B, num_heads, T, D), (sb, D * sc, st, sc), x.storage_offset())
