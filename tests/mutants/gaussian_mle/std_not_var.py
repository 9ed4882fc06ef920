# mutant: returns the standard deviation as the second output
# expect: returned the standard deviation
import math

import torch


def gaussian_mle(x, dim=0):
    mean = x.mean(dim)
    std = x.std(dim, correction=0)
    return mean, std, 0.5 * torch.log(2 * math.pi * std ** 2) + 0.5
