# mutant: ignores `dim` and always reduces over dim 0
# expect: over dim 0 instead of `dim`
import math

import torch


def gaussian_mle(x, dim=0):
    mean = x.mean(0)
    var = ((x - x.mean(0, keepdim=True)) ** 2).mean(0)
    return mean, var, 0.5 * torch.log(2 * math.pi * var) + 0.5
