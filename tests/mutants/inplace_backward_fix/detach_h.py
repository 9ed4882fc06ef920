# mutant: writes the product out of place, but multiplies by a detached h
# expect: h was detached
import torch


def silu_linear(x, w, b):
    h = x @ w.t() + b
    return h.detach() * torch.sigmoid(h)
