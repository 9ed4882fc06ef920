# mutant: defaults the stride to 1 instead of to the kernel size
# expect: stride is left out, so it defaults to the kernel size
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    k = _pair(kernel_size)
    s = _pair(1 if stride is None else stride)
    n, c, h, w = x.shape
    cols = F.unfold(x.reshape(n * c, 1, h, w), k, stride=s)           # (N*C, kH*kW, L)
    idx = cols.argmax(dim=1, keepdim=True)
    g = grad_output.reshape(n * c, 1, -1)
    grad_cols = torch.zeros_like(cols).scatter_(1, idx, g)
    return F.fold(grad_cols, (h, w), k, stride=s).reshape(n, c, h, w)
