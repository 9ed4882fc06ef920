# alternative: move dim last, subtract a finite stand-in for the max, log1p of the rest
import torch


def logsumexp(x, dim, keepdim=False):
    y = x.movedim(dim, -1)                                     # (..., n)
    m = y.max(dim=-1, keepdim=True).values
    finite_m = torch.nan_to_num(m, nan=0.0, posinf=0.0, neginf=0.0)
    s = torch.exp(y - finite_m).sum(-1)                        # (...)
    out = finite_m.squeeze(-1) + torch.log(s)
    return out.unsqueeze(dim) if keepdim else out
