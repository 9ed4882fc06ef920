import numpy as np


def group_norm(x, gamma, beta, G, eps=1e-5):
    # one group at a time: slice its consecutive channels
    N, C, H, W = x.shape
    per = C // G
    out = np.empty_like(x)
    for g in range(G):
        block = x[:, g * per:(g + 1) * per]                       # (N, per, H, W)
        mean = block.mean(axis=(1, 2, 3), keepdims=True)
        var = ((block - mean) ** 2).mean(axis=(1, 2, 3), keepdims=True)
        out[:, g * per:(g + 1) * per] = (block - mean) / np.sqrt(var + eps)
    return out * gamma + beta
