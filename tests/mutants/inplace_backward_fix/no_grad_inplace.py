# mutant: wraps the in-place multiply in torch.no_grad(): the version counter still changes
# expect: modified by an inplace operation
import torch


def silu_linear(x, w, b):
    h = x @ w.t()
    h += b
    out = torch.sigmoid(h)
    with torch.no_grad():
        out *= h
    return out
