# Each block gets its own (max, sum) first; the running pair is then merged with the
# block's pair (the associative merge used to combine split-K partial results).
import torch


def online_softmax(x, block):
    N, D = x.shape
    m = l = None
    for s in range(0, D, block):
        xb = x[:, s:s + block]
        mb = xb.amax(dim=1, keepdim=True)
        lb = torch.exp(xb - mb).sum(dim=1, keepdim=True)
        if m is None:
            m, l = mb, lb
        else:
            m_new = torch.maximum(m, mb)
            l = l * torch.exp(m - m_new) + lb * torch.exp(mb - m_new)
            m = m_new
    return torch.exp(x - m) / l
