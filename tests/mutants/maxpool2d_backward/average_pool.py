# mutant: uses the average-pooling gradient: g / (kH*kW) spread over the window
# expect: average-pooling gradient
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    k = _pair(kernel_size)
    s = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    cols = F.unfold(x.reshape(n * c, 1, h, w), k, stride=s)           # (N*C, kH*kW, L)
    g = grad_output.reshape(n * c, 1, -1)
    grad_cols = (g / cols.shape[1]).expand_as(cols).contiguous()
    return F.fold(grad_cols, (h, w), k, stride=s).reshape(n, c, h, w)
