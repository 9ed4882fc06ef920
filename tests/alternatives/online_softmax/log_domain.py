# Keeps the running log-normalizer z = m + log(l) instead of (m, l): merging a block is
# z <- max(z, zb) + log1p(exp(-|z - zb|)). The output is exp(x - z), one elementwise pass.
import torch


def online_softmax(x, block):
    N, D = x.shape
    z = torch.full((N, 1), float("-inf"), dtype=x.dtype, device=x.device)
    for s in range(0, D, block):
        xb = x[:, s:s + block]
        mb = xb.amax(dim=1, keepdim=True)
        zb = mb + torch.log(torch.exp(xb - mb).sum(dim=1, keepdim=True))
        hi = torch.maximum(z, zb)
        lo = torch.minimum(z, zb)
        z = hi + torch.log1p(torch.exp(lo - hi))
    return torch.exp(x - z)
