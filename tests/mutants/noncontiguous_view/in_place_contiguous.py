# mutant: right values, but writes the result back into the caller's x
# expect: in place
import torch


def merge_heads(x):
    B, H, T, D = x.shape
    out = x.transpose(1, 2).reshape(B, T, H * D)
    x.mul_(1.0)
    return out
