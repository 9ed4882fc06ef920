# alternative: Chan et al.'s parallel variance, merging (count, mean, M2) of pairs of
# blocks in a tree: stable without ever squaring raw values, O(log N) rounding steps
import math

import torch


def gaussian_mle(x, dim=0):
    mean = x.movedim(dim, 0)                                          # (N, ...) one block per sample
    m2 = torch.zeros_like(mean)
    n = torch.ones([mean.shape[0]] + [1] * (mean.dim() - 1), dtype=x.dtype, device=x.device)
    while mean.shape[0] > 1:
        h = mean.shape[0] // 2
        na, nb = n[:h], n[h:2 * h]
        delta = mean[h:2 * h] - mean[:h]
        tot = na + nb
        new_mean = mean[:h] + delta * (nb / tot)
        new_m2 = m2[:h] + m2[h:2 * h] + delta * delta * (na * nb / tot)
        rest = slice(2 * h, None)                                     # an odd block left over
        mean = torch.cat([new_mean, mean[rest]])
        m2 = torch.cat([new_m2, m2[rest]])
        n = torch.cat([tot, n[rest]])
    mean, var = mean[0], m2[0] / n[0]
    return mean, var, 0.5 * torch.log(2 * math.pi * var) + 0.5
