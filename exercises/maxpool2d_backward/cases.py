"""Hidden cases for maxpool2d_backward (F.max_pool2d without padding, dilation or ceil_mode).

The truth is autograd of F.max_pool2d in float64 (reference_entry). Ties go to the first
maximum of each window in row-major order, as PyTorch does on CPU and CUDA.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def _pair(v):
    return (int(v), int(v)) if isinstance(v, int) else (int(v[0]), int(v[1]))


def _arg(v):
    return tuple(int(a) for a in v) if isinstance(v, list) else v


def random_params(rng: random.Random, index: int) -> dict:
    n, c = caselib.distinct_sizes(rng, 2, 1, 4)
    k = rng.choice([2, 2, 3, [2, 3], [3, 2], [1, 2]])
    s = rng.choice([None, None, 1, 2, [1, 2], [2, 1], 3])
    kh, kw = _pair(k)
    h, w = caselib.distinct_sizes(rng, 2, max(kh, kw) + 1, 10)
    values = rng.choice(["normal", "normal", "normal", "ties"])
    layout = rng.choice(["contiguous", "contiguous", "transposed", "sliced"])
    return {"n": n, "c": c, "h": h, "w": w, "kernel": k, "stride": s, "values": values, "layout": layout}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, c, h, w = (int(params[key]) for key in ("n", "c", "h", "w"))
    kernel = _arg(params["kernel"])
    stride = _arg(params.get("stride"))
    values = params.get("values", "normal")
    shape = [n, c, h, w]
    if values == "ties":
        # Small integers: most windows hold their maximum two or more times.
        x = torch.randint(0, 3, shape, generator=gen).to(dtype=dtype, device=device)
    elif values == "constant":
        x = torch.full(shape, 0.5, dtype=dtype, device=device)
    else:
        x = caselib.randn(shape, gen, dtype, device)
    kh, kw = _pair(kernel)
    sh, sw = _pair(kernel if stride is None else stride)
    ho, wo = (h - kh) // sh + 1, (w - kw) // sw + 1
    grad = caselib.randn([n, c, ho, wo], gen, dtype, device)
    layout = params.get("layout", "contiguous")
    if layout != "contiguous":
        x = caselib.layout(x, layout)
        grad = caselib.layout(grad, "sliced")
    kwargs = {} if "stride" not in params else {"stride": stride}
    return {"args": [grad, x, kernel], "kwargs": kwargs}


def _autograd_maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    x = x.detach().requires_grad_(True)
    y = F.max_pool2d(x, kernel_size, stride)
    (gx,) = torch.autograd.grad(y, x, grad_output)
    return gx


def reference_entry():
    return _autograd_maxpool2d_backward


# ---------------------------------------------------------------------------------------
# Known mistakes. Each builds the (N·C, kH·kW, L) windows with unfold and routes the
# gradient back with fold (which adds overlapping windows) unless the mistake says otherwise.


def _windows(x, kernel_size, stride):
    n, c, h, w = x.shape
    k = _pair(kernel_size)
    s = _pair(kernel_size if stride is None else stride)
    cols = F.unfold(x.reshape(n * c, 1, h, w), k, stride=s)     # (NC, kh*kw, L)
    return cols, k, s


def _fold(cols, x, k, s):
    n, c, h, w = x.shape
    return F.fold(cols, (h, w), k, stride=s).reshape(n, c, h, w)


def _overlapping(k, s):
    return s[0] < k[0] or s[1] < k[1]


def _overwrite(g, x, kernel_size, stride=None):
    cols, k, s = _windows(x, kernel_size, stride)
    if not _overlapping(k, s):
        raise ValueError("windows do not overlap: overwriting equals adding")
    n, c, h, w = x.shape
    idx = cols.argmax(1)                                         # (NC, L) window-local
    ho, wo = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
    oh = torch.arange(ho, device=x.device).repeat_interleave(wo) * s[0]
    ow = torch.arange(wo, device=x.device).repeat(ho) * s[1]
    flat = (oh + idx // k[1]) * w + (ow + idx % k[1])            # (NC, L) index into H·W
    out = torch.zeros(n * c, h * w, dtype=x.dtype, device=x.device)
    out.scatter_(1, flat, g.reshape(n * c, -1))                  # the last write wins
    return out.reshape(n, c, h, w)


def _all_ties(g, x, kernel_size, stride=None):
    cols, k, s = _windows(x, kernel_size, stride)
    hit = cols == cols.amax(1, keepdim=True)
    if bool((hit.sum(1) <= 1).all()):
        raise ValueError("no ties in this case")
    return _fold(hit.to(x.dtype) * g.reshape(cols.shape[0], 1, -1), x, k, s)


def _split_ties(g, x, kernel_size, stride=None):
    cols, k, s = _windows(x, kernel_size, stride)
    hit = (cols == cols.amax(1, keepdim=True)).to(x.dtype)
    if bool((hit.sum(1) <= 1).all()):
        raise ValueError("no ties in this case")
    return _fold(hit / hit.sum(1, keepdim=True) * g.reshape(cols.shape[0], 1, -1), x, k, s)


def _last_tie(g, x, kernel_size, stride=None):
    cols, k, s = _windows(x, kernel_size, stride)
    kk = cols.shape[1]
    hit = cols == cols.amax(1, keepdim=True)
    if bool((hit.sum(1) <= 1).all()):
        raise ValueError("no ties in this case")
    last = kk - 1 - hit.flip(1).to(torch.int64).argmax(1)       # last maximum in the window
    onehot = torch.zeros_like(cols).scatter_(1, last[:, None], 1.0)
    return _fold(onehot * g.reshape(cols.shape[0], 1, -1), x, k, s)


def _average(g, x, kernel_size, stride=None):
    cols, k, s = _windows(x, kernel_size, stride)
    share = g.reshape(cols.shape[0], 1, -1).expand_as(cols) / cols.shape[1]
    return _fold(share, x, k, s)


SUSPECTS = [
    ("overlapping windows (stride < kernel) overwrote each other's gradient: when one pixel is "
     "the maximum of several windows it must receive the SUM of their gradients (add, e.g. "
     "scatter_add_ / index_put_(accumulate=True) / F.fold, never plain assignment)",
     _overwrite),
    ("every tied maximum got the gradient: PyTorch routes each window's gradient to ONE "
     "element, the first maximum in row-major order (argmax's rule)",
     _all_ties),
    ("the gradient was split among tied maxima: PyTorch gives all of it to the first maximum "
     "of the window in row-major order",
     _split_ties),
    ("ties went to the last maximum of the window; PyTorch takes the first one in row-major "
     "order (a strict > comparison, or argmax)",
     _last_tie),
    ("that is the average-pooling gradient (g / (kH·kW) to every element of the window); max "
     "pooling sends the whole gradient to the window's maximum only",
     _average),
]
