# mutant: subtracts one global max of the whole tensor instead of the max of each slice
# expect: one global max for the whole tensor
import torch


def logsumexp(x, dim, keepdim=False):
    m = x.max()
    return m + torch.log(torch.exp(x - m).sum(dim, keepdim=keepdim))
