# mutant: silences the error by detaching the sigmoid output before multiplying into it
# expect: the sigmoid was detached
import torch


def silu_linear(x, w, b):
    h = x @ w.t()
    h += b
    out = torch.sigmoid(h).detach()
    out *= h
    return out
