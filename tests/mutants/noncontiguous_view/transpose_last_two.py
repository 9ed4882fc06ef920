# mutant: transposes T and D instead of H and T
# expect: differ
import torch


def merge_heads(x):
    B, H, T, D = x.shape
    return x.transpose(2, 3).reshape(B, T, H * D)
