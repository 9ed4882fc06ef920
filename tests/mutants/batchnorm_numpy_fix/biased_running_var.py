# mutant: crashes and momentum fixed, but running_var still updated with np.var (biased)
# expect: biased batch variance
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    n = x.shape[0]
    if training:
        mean = np.mean(x, axis=0)
        var = np.var(x, axis=0)
        out = gamma * (x - mean) / np.sqrt(var + eps) + beta
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var
        return out, new_mean, new_var
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, running_mean.copy(), running_var.copy()
