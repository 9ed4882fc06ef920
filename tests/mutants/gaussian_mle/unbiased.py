# mutant: torch.var with its default correction (÷ (N − 1))
# expect: unbiased variance
import math

import torch


def gaussian_mle(x, dim=0):
    mean = x.mean(dim)
    var = torch.var(x, dim)
    return mean, var, 0.5 * torch.log(2 * math.pi * var) + 0.5
