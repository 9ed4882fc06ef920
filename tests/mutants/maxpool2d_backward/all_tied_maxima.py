# mutant: sends the gradient to every element equal to the window maximum
# expect: every tied maximum got the gradient
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    k = _pair(kernel_size)
    s = _pair(kernel_size if stride is None else stride)
    n, c, h, w = x.shape
    cols = F.unfold(x.reshape(n * c, 1, h, w), k, stride=s)           # (N*C, kH*kW, L)
    is_max = cols == cols.amax(dim=1, keepdim=True)
    g = grad_output.reshape(n * c, 1, -1)
    grad_cols = is_max.to(x.dtype) * g
    return F.fold(grad_cols, (h, w), k, stride=s).reshape(n, c, h, w)
