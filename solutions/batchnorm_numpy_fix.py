"""Reference: the notes' NumPy batch norm, fixed to follow PyTorch."""

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    # x: (N, D); gamma, beta, running_mean, running_var: (D,)
    if training:
        n = x.shape[0]
        mean = x.mean(axis=0)                          # (D,): no keepdims, so the running
        var = ((x - mean) ** 2).mean(axis=0)           # statistics keep their (D,) shape
        # The output uses the biased batch variance (÷ N) ...
        x_hat = (x - mean) / np.sqrt(var + eps)        # (N, D), eps inside the root
        # ... the running variance estimates the population variance, so it is unbiased.
        # PyTorch's convention: momentum is the weight of the *new* batch statistic.
        # New arrays, not in-place updates: the caller's arrays are left alone.
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * (n / (n - 1))
    else:
        # Eval: a fixed per-feature affine map from the running statistics, which stay as they are.
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        new_mean, new_var = running_mean.copy(), running_var.copy()
    return gamma * x_hat + beta, new_mean, new_var
