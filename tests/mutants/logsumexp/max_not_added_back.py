# mutant: subtracts the max for stability but forgets to add it back
# expect: never added back
import torch


def logsumexp(x, dim, keepdim=False):
    m = x.amax(dim, keepdim=True)
    m = torch.where(torch.isinf(m), torch.zeros_like(m), m)
    out = torch.log(torch.exp(x - m).sum(dim, keepdim=True))
    return out if keepdim else out.squeeze(dim)
