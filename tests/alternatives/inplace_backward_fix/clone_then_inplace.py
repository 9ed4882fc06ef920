# alternative: keep the in-place multiply, but into a clone of the sigmoid output
import torch


def silu_linear(x, w, b):
    h = x @ w.t()
    h += b
    out = torch.sigmoid(h).clone()   # sigmoid's saved output stays untouched
    out *= h
    return out
