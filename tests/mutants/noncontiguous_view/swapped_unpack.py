# mutant: unpacks the shape in the wrong order (B, T, H, D), so sizes get mixed up
# expect: shape
import torch


def merge_heads(x):
    B, T, H, D = x.shape
    return x.transpose(1, 2).reshape(B, T, H * D)
