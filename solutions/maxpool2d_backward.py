"""Reference: max-pool backward by routing each window's gradient to its argmax."""

import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def maxpool2d_backward(grad_output: torch.Tensor, x: torch.Tensor, kernel_size, stride=None):
    # grad_output: (N, C, H_out, W_out)   x: (N, C, H, W)
    k = _pair(kernel_size)
    s = _pair(kernel_size if stride is None else stride)   # PyTorch: stride defaults to the kernel
    n, c, h, w = x.shape
    # One channel at a time: (N·C, 1, H, W) -> windows (N·C, kH·kW, L), L = H_out·W_out.
    cols = F.unfold(x.reshape(n * c, 1, h, w), k, stride=s)
    # argmax returns the FIRST maximum of each window in row-major order, which is PyTorch's
    # tie rule: exactly one element per window gets the gradient.
    idx = cols.argmax(dim=1, keepdim=True)                   # (N·C, 1, L)
    g = grad_output.reshape(n * c, 1, -1)                    # (N·C, 1, L)
    grad_cols = torch.zeros_like(cols).scatter_(1, idx, g)   # (N·C, kH·kW, L)
    # fold is unfold's adjoint: it ADDS every window back onto the image, so a pixel that is
    # the maximum of several overlapping windows collects all their gradients.
    return F.fold(grad_cols, (h, w), k, stride=s).reshape(n, c, h, w)
