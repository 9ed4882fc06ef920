# mutant: the textbook max trick without guarding an infinite max (NaN for all −inf slices)
# expect: inf − inf = NaN
import torch


def logsumexp(x, dim, keepdim=False):
    m = x.amax(dim, keepdim=True)
    out = m + torch.log(torch.exp(x - m).sum(dim, keepdim=True))
    return out if keepdim else out.squeeze(dim)
