# mutant: crashes fixed, but the notes' momentum weighting kept: m·old + (1 − m)·batch
# expect: momentum is reversed
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    n = x.shape[0]
    if training:
        mean = np.mean(x, axis=0)
        var = np.var(x, axis=0)
        out = gamma * (x - mean) / np.sqrt(var + eps) + beta
        new_mean = momentum * running_mean + (1 - momentum) * mean
        new_var = momentum * running_var + (1 - momentum) * var * n / (n - 1)
        return out, new_mean, new_var
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, running_mean.copy(), running_var.copy()
