"""GroupNorm in NumPy, as written in the notes.

It crashes. Run `dlquiz run groupnorm_reshape_fix`, read the error, and fix it; then run
again: the notes' version has more than one problem.
"""

import numpy as np


def group_norm(x, gamma, beta, G, eps=1e-5):
    # x: (N, C, H, W); gamma, beta: (1, C, 1, 1)
    x = np.reshape(x, (x.shape[0], G, x.shape[1] / 16, x.shape[2], x.shape[3]))

    x_mean = np.mean(x, axis=(2, 3, 4), keepdims=True)
    x_var = np.var(x, axis=(2, 3, 4), keepdims=True0)
    x_normalized = (x - x_mean) / np.sqrt(x_var + eps)
    results = gamma * x_normalized + beta
    return results
