"""Batch norm forward in NumPy, as written in the notes. It crashes, and it has more bugs.

Run `dlquiz run batchnorm_numpy_fix`, read the error, fix it, and repeat until it behaves
like PyTorch's batch norm. `dlquiz hint batchnorm_numpy_fix` for a hint.
"""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, eps=1e-5):
    # x: [N, D]
    results = 0.

    x_mean = np.mean(x, axis=0, keepdims=True)
    x_var = np.var(x, axis=0, keepdims=True0)
    x_normalized = (x - x_mean) / np.sqrt(x_var + eps)
    results = gamma * x_normalized + beta

    # keep the mean and variance seen in training for test time, when one image is seen at a time
    running_mean = momentum * running_mean + (1 - momentum) * x_mean
    running_var = momentum * running_var + (1 - momentum) * x_var

    return results, running_mean, running_var
