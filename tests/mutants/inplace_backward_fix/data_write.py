# mutant: writes through .data, which hides the in-place op from autograd (wrong gradient)
# expect: through `.data`
import torch


def silu_linear(x, w, b):
    h = x @ w.t()
    h += b
    out = torch.sigmoid(h)
    out.data *= h.data
    return out
