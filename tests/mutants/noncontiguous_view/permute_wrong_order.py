# mutant: permutes to (B, T, D, H) before merging, interleaving the heads
# expect: (d, h) order
import torch


def merge_heads(x):
    B, H, T, D = x.shape
    return x.permute(0, 2, 3, 1).reshape(B, T, H * D)
