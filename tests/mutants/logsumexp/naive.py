# mutant: log(sum(exp(x))) with nothing subtracted
# expect: exp() overflowed
import torch


def logsumexp(x, dim, keepdim=False):
    return torch.log(torch.exp(x).sum(dim, keepdim=keepdim))
