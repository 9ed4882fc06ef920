# mutant: clones h before the sigmoid instead of the sigmoid output, so it still crashes
# expect: modified by an inplace operation
import torch


def silu_linear(x, w, b):
    h = x @ w.t()
    h += b
    out = torch.sigmoid(h.clone())
    out *= h
    return out
