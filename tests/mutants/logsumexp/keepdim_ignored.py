# mutant: always keeps the reduced dim (keepdim=True hard-coded)
# expect: one extra dim of size 1
import torch


def logsumexp(x, dim, keepdim=False):
    m = x.amax(dim, keepdim=True)
    m = torch.where(torch.isinf(m), torch.zeros_like(m), m)
    return m + torch.log(torch.exp(x - m).sum(dim, keepdim=True))
