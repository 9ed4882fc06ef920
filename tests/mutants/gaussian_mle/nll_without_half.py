# mutant: drops the +½ from the NLL, as if the squared-error term vanished at the MLE
# expect: averages to ½
import math

import torch


def gaussian_mle(x, dim=0):
    mu = x.mean(dim, keepdim=True)
    var = ((x - mu) ** 2).mean(dim)
    return mu.squeeze(dim), var, 0.5 * torch.log(2 * math.pi * var)
