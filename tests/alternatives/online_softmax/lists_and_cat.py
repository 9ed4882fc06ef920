# Python-level streaming over torch.split blocks; the block max via max(dim).values; the
# running sum rescaled with exp(m - m_new) written as a separate step; output by cat.
import torch


def online_softmax(x, block):
    blocks = torch.split(x, block, dim=1)
    m = None
    l = None
    for xb in blocks:
        bm = xb.max(dim=1, keepdim=True).values
        if m is None:
            m, l = bm, torch.exp(xb - bm).sum(dim=1, keepdim=True)
            continue
        m_new = torch.where(bm > m, bm, m)
        l = l * torch.exp(m - m_new)
        l = l + torch.exp(xb - m_new).sum(dim=1, keepdim=True)
        m = m_new
    return torch.cat([torch.exp(xb - m) / l for xb in blocks], dim=1)
