"""Hidden cases for conv2d_backward (weight and bias gradients of F.conv2d, groups=1).

The truth is autograd of F.conv2d in float64 (reference_entry).
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def _pair(v):
    return (int(v), int(v)) if isinstance(v, int) else (int(v[0]), int(v[1]))


def _out_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def random_params(rng: random.Random, index: int) -> dict:
    n, c_in, c_out = caselib.distinct_sizes(rng, 3, 1, 5)
    kh, kw = rng.choice([(3, 3), (1, 1), (2, 2), (3, 2), (2, 3), (1, 3), (3, 1), (5, 3)])
    s = rng.choice([1, 1, 2, (1, 2), (2, 1), 3])
    p = rng.choice([0, 0, 1, 2, (1, 0), (0, 2)])
    d = rng.choice([1, 1, 1, 2, (2, 1), (1, 2)])
    sh, sw = _pair(s)
    ph, pw = _pair(p)
    dh, dw = _pair(d)
    h = rng.randint(max(dh * (kh - 1) + 1 - 2 * ph, 1) + 1, 11)
    w = rng.randint(max(dw * (kw - 1) + 1 - 2 * pw, 1) + 1, 11)
    if h == w:
        w += 1
    params = {"n": n, "c_in": c_in, "c_out": c_out, "h": h, "w": w, "kernel": [kh, kw],
              "layout": rng.choice(["contiguous", "contiguous", "contiguous", "sliced", "transposed"])}
    for key, v in (("stride", s), ("padding", p), ("dilation", d)):
        params[key] = list(v) if isinstance(v, tuple) else v
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, c_in, c_out = int(params["n"]), int(params["c_in"]), int(params["c_out"])
    h, w = int(params["h"]), int(params["w"])
    kh, kw = (int(k) for k in params["kernel"])
    kwargs = {}
    for key, default in (("stride", 1), ("padding", 0), ("dilation", 1)):
        if key in params:
            v = params[key]
            kwargs[key] = tuple(int(a) for a in v) if isinstance(v, list) else int(v)
    (sh, sw), (ph, pw), (dh, dw) = (_pair(kwargs.get(k, dflt)) for k, dflt in
                                    (("stride", 1), ("padding", 0), ("dilation", 1)))
    ho, wo = _out_size(h, kh, sh, ph, dh), _out_size(w, kw, sw, pw, dw)
    if ho < 1 or wo < 1:
        raise ValueError(f"case gives an empty output ({ho}, {wo})")
    x = caselib.randn([n, c_in, h, w], gen, dtype, device)
    grad = caselib.randn([n, c_out, ho, wo], gen, dtype, device)
    layout = params.get("layout", "contiguous")
    if layout != "contiguous":
        x = caselib.layout(x, layout)
        grad = caselib.layout(grad, "sliced")
    weight_shape = (c_out, c_in, kh, kw)
    return {"args": [grad, x, weight_shape], "kwargs": kwargs}


RESULT = "a tuple (grad_weight, grad_bias)"


def call(entry, inputs: dict, ctx):
    # On CUDA, cuDNN convolutions default to TF32 (about 3 significant digits) for float32;
    # a learner who uses F.conv2d would then miss the float32 tolerance through no fault of
    # their own, so full float32 precision is asked for.
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    out = ctx.call(entry, *inputs["args"], **inputs["kwargs"])
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        what = f"a {type(out).__name__}" + (f" of {len(out)}" if isinstance(out, (tuple, list)) else "")
        return {"returns": f"{what}, not {RESULT}"}
    return {"returns": RESULT, "grad_weight": out[0], "grad_bias": out[1]}


def _autograd_conv2d_weight_grad(grad_output, x, weight_shape, stride=1, padding=0, dilation=1):
    weight = torch.zeros(weight_shape, dtype=x.dtype, device=x.device, requires_grad=True)
    bias = torch.zeros(weight_shape[0], dtype=x.dtype, device=x.device, requires_grad=True)
    y = F.conv2d(x.detach(), weight, bias, stride=stride, padding=padding, dilation=dilation)
    return torch.autograd.grad(y, [weight, bias], grad_output)


def reference_entry():
    return _autograd_conv2d_weight_grad


# ---------------------------------------------------------------------------------------
# Known mistakes, written with explicit loops over the kernel taps so each is one change.


def _taps(grad_output, x, weight_shape, stride, padding, dilation, *, use_dilation=True,
          pad=None, reduce="sum", flip=False):
    c_out, c_in, kh, kw = weight_shape
    (sh, sw), (dh, dw) = _pair(stride), _pair(dilation)
    if not use_dilation:
        if (dh, dw) == (1, 1):
            raise ValueError("no dilation in this case")
        dh, dw = 1, 1
    ph, pw = _pair(padding)
    xp = F.pad(x, pad if pad is not None else (pw, pw, ph, ph))
    n, _, ho, wo = grad_output.shape
    gw = torch.empty(weight_shape, dtype=x.dtype, device=x.device)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i * dh: i * dh + sh * (ho - 1) + 1: sh, j * dw: j * dw + sw * (wo - 1) + 1: sw]
            prod = torch.einsum("nohw,nchw->noc", grad_output, patch)
            gw[:, :, i, j] = prod.mean(0) if reduce == "mean" else prod.sum(0)
    if flip:
        if kh == 1 and kw == 1:
            raise ValueError("a 1x1 kernel flips onto itself")
        gw = gw.flip(-1, -2)
    return gw, grad_output.sum((0, 2, 3))


def _no_dilation(g, x, ws, stride=1, padding=0, dilation=1):
    return _taps(g, x, ws, stride, padding, dilation, use_dilation=False)


def _one_sided_padding(g, x, ws, stride=1, padding=0, dilation=1):
    ph, pw = _pair(padding)
    if (ph, pw) == (0, 0):
        raise ValueError("no padding in this case")
    return _taps(g, x, ws, stride, padding, dilation, pad=(0, 2 * pw, 0, 2 * ph))


def _flipped(g, x, ws, stride=1, padding=0, dilation=1):
    return _taps(g, x, ws, stride, padding, dilation, flip=True)


def _kernel_hw_swapped(g, x, ws, stride=1, padding=0, dilation=1):
    gw, gb = _taps(g, x, ws, stride, padding, dilation)
    if ws[2] == ws[3]:
        raise ValueError("square kernel")
    return gw.transpose(-1, -2), gb


def _batch_mean(g, x, ws, stride=1, padding=0, dilation=1):
    if x.shape[0] == 1:
        raise ValueError("batch of one")
    gw, _ = _taps(g, x, ws, stride, padding, dilation, reduce="mean")
    return gw, g.sum((0, 2, 3)) / x.shape[0]


def _batch_mean_weight_only(g, x, ws, stride=1, padding=0, dilation=1):
    if x.shape[0] == 1:
        raise ValueError("batch of one")
    gw, gb = _taps(g, x, ws, stride, padding, dilation, reduce="mean")
    return gw, gb


def _bias_no_batch_sum(g, x, ws, stride=1, padding=0, dilation=1):
    gw, _ = _taps(g, x, ws, stride, padding, dilation)
    return gw, g.sum((2, 3))


def _bias_wrong_axes(g, x, ws, stride=1, padding=0, dilation=1):
    gw, _ = _taps(g, x, ws, stride, padding, dilation)
    return gw, g.sum((0, 1, 2))


SUSPECTS = [
    ("dilation was ignored: kernel tap (i, j) reads input row i·dilation + h·stride, not i + h·stride",
     _no_dilation),
    ("the padding went on one side only: pad `padding` zeros on every side (F.pad takes "
     "(left, right, top, bottom)), or let F.unfold(padding=...) do it",
     _one_sided_padding),
    ("the kernel gradient came out flipped: F.conv2d is a cross-correlation (no kernel flip), "
     "so dW[o, c, i, j] pairs tap (i, j) with input offset (i, j), not (kH−1−i, kW−1−j)",
     _flipped),
    ("kH and kW are swapped: weight_shape is (C_out, C_in, kH, kW), kH along the rows",
     _kernel_hw_swapped),
    ("the gradient was averaged over the batch: the weight is shared by every sample, so its "
     "gradient is the sum over the batch (the loss already carries any 1/N)",
     _batch_mean),
    ("the weight gradient was averaged over the batch: the weight is shared by every sample, so "
     "its gradient is the sum over the batch (the loss already carries any 1/N)",
     _batch_mean_weight_only),
    ("grad_bias kept the batch axis: sum grad_output over N, H_out and W_out (dims 0, 2, 3)",
     _bias_no_batch_sum),
    ("grad_bias was summed over the wrong axes: C_out is dim 1, so sum over dims (0, 2, 3)",
     _bias_wrong_axes),
]
