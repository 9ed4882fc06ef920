# mutant: statistics over the batch axis too
# expect: also ran over axis 0
"""Reference: GroupNorm in NumPy over (N, C, H, W)."""

import numpy as np


def group_norm(x, gamma, beta, G, eps=1e-5):
    # x: (N, C, H, W); gamma, beta: (1, C, 1, 1)
    N, C, H, W = x.shape
    if C % G != 0:
        raise ValueError(f"C = {C} is not divisible by G = {G}")
    # Shapes must be ints: C // G, not C / 16 (a float, and the wrong number).
    # (N, C, H, W) -> (N, G, C // G, H, W): group g holds the consecutive channels
    # g·C/G … (g+1)·C/G − 1. np.reshape copies a non-contiguous x when it must.
    xg = np.reshape(x, (N, G, C // G, H, W))
    mean = np.mean(xg, axis=(0, 2, 3, 4), keepdims=True)        # (N, G, 1, 1, 1)
    var = np.var(xg, axis=(0, 2, 3, 4), keepdims=True)          # biased (ddof=0), same shape
    x_hat = (xg - mean) / np.sqrt(var + eps)                 # (N, G, C // G, H, W)
    # Back to (N, C, H, W) before the per-channel affine: gamma (1, C, 1, 1) does not
    # broadcast against the 5-D grouped array.
    x_hat = np.reshape(x_hat, (N, C, H, W))
    return gamma * x_hat + beta                              # (N, C, H, W), dtype of x
