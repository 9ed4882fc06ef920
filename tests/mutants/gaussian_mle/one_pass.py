# mutant: the one-pass variance E[x²] − E[x]²
# expect: cancels catastrophically
import math

import torch


def gaussian_mle(x, dim=0):
    mean = x.mean(dim)
    var = (x * x).mean(dim) - mean * mean
    return mean, var, 0.5 * torch.log(2 * math.pi * var) + 0.5
