"""Hidden cases for linear_backward.

The truth is autograd of F.linear in float64 (reference_entry), not solutions/linear_backward.py.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    lead_rank = rng.choice([0, 1, 1, 2, 2, 3])
    sizes = caselib.distinct_sizes(rng, lead_rank + 2, 2, 9)
    lead, (d_in, d_out) = sizes[:lead_rank], sizes[lead_rank:]
    return {
        "lead": lead, "in": d_in, "out": d_out,
        "bias": rng.random() < 0.75,
        "layout": rng.choice(["contiguous", "contiguous", "transposed", "sliced"]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    lead = list(params.get("lead", []))
    d_in, d_out = int(params["in"]), int(params["out"])
    x = caselib.randn(lead + [d_in], gen, dtype, device)
    weight = caselib.randn([d_out, d_in], gen, dtype, device, scale=d_in ** -0.5)
    bias = caselib.randn([d_out], gen, dtype, device) if params.get("bias", True) else None
    rows = 1
    for s in lead:
        rows *= s
    # Half cases only: grad_weight and grad_bias sum one O(1) term per row (up to ~500); a
    # half GEMM may reduce its split-K partial sums in half on CUDA, and a sum can come out
    # near 0 while its terms are large. A grad_output of spread 1/sqrt(rows) (as bench_inputs
    # uses) keeps those sums O(1), so one atol fits grad_x, grad_weight and grad_bias.
    g_scale = rows ** -0.5 if dtype in (torch.float16, torch.bfloat16) else 1.0
    grad = caselib.randn(lead + [d_out], gen, dtype, device, scale=g_scale)
    layout = params.get("layout", "contiguous")
    if layout != "contiguous" and x.dim() >= 1:
        x = caselib.layout(x, layout)
        grad = caselib.layout(grad, "sliced" if layout == "transposed" else layout)
    if params.get("weight_layout") == "transposed":
        weight = caselib.layout(weight, "transposed")
    return {"args": [grad, x, weight, bias], "kwargs": {}}


SHAPE_OF_RESULT = "a tuple (grad_x, grad_weight, grad_bias)"


def call(entry, inputs: dict, ctx):
    grad, x, weight, bias = inputs["args"]
    out = ctx.call(entry, grad, x, weight, bias)
    if not isinstance(out, (tuple, list)) or len(out) != 3:
        what = f"a {type(out).__name__}" + (f" of {len(out)}" if isinstance(out, (tuple, list)) else "")
        return {"returns": f"{what}, not {SHAPE_OF_RESULT}"}
    gx, gw, gb = out
    if bias is None:
        # With bias=None there is nothing to differentiate: grad_bias must be None.
        gb = "None" if gb is None else f"a {type(gb).__name__}; grad_bias must be None when bias is None"
    return {"returns": SHAPE_OF_RESULT, "grad_x": gx, "grad_weight": gw, "grad_bias": gb}


def _autograd_linear_backward(grad_output, x, weight, bias=None):
    x = x.detach().requires_grad_(True)
    weight = weight.detach().requires_grad_(True)
    leaves = [x, weight]
    if bias is not None:
        bias = bias.detach().requires_grad_(True)
        leaves.append(bias)
    y = F.linear(x, weight, bias)
    grads = torch.autograd.grad(y, leaves, grad_output)
    return grads[0], grads[1], (grads[2] if bias is not None else None)


def reference_entry():
    return _autograd_linear_backward


def _flat(g, x):
    return g.reshape(-1, g.shape[-1]), x.reshape(-1, x.shape[-1])


def _right(g, x, w, b):
    g2, x2 = _flat(g, x)
    return g @ w, g2.T @ x2, (None if b is None else g2.sum(0))


def _dw_transposed(g, x, w, b):
    gx, gw, gb = _right(g, x, w, b)
    return gx, gw.T, gb


def _db_first_dim_only(g, x, w, b):
    if b is None or g.dim() < 3:
        raise ValueError("only differs with two or more leading dims")
    gx, gw, _ = _right(g, x, w, b)
    return gx, gw, g.sum(0)


def _dw_per_batch(g, x, w, b):
    if g.dim() < 3:
        raise ValueError("only differs with two or more leading dims")
    gx, _, gb = _right(g, x, w, b)
    return gx, g.transpose(-1, -2) @ x, gb


def _dx_wt(g, x, w, b):
    _, gw, gb = _right(g, x, w, b)
    return g @ w.T, gw, gb


def _db_mean(g, x, w, b):
    if b is None:
        raise ValueError("no bias")
    gx, gw, _ = _right(g, x, w, b)
    return gx, gw, g.reshape(-1, g.shape[-1]).mean(0)


def _dw_mean(g, x, w, b):
    gx, gw, gb = _right(g, x, w, b)
    n = g.numel() // g.shape[-1]
    if n == 1:
        raise ValueError("same as the sum")
    return gx, gw / n, gb


def _db_zero_grad_bias(g, x, w, b):
    if b is not None:
        raise ValueError("has a bias")
    gx, gw, _ = _right(g, x, w, b)
    return gx, gw, torch.zeros(w.shape[0], dtype=g.dtype, device=g.device)


SUSPECTS = [
    ("grad_weight is transposed: the weight is stored (out, in) as in nn.Linear, so "
     "grad_weight = grad_outputᵀ @ x is (out, in), not xᵀ @ grad_output (in, out)",
     _dw_transposed),
    ("grad_bias was summed over the first dim only: the bias is added at every position, so sum "
     "grad_output over every leading dim (flatten them first)",
     _db_first_dim_only),
    ("grad_weight was not summed over all leading dims: one (out, in) matrix per batch element "
     "came back; flatten x and grad_output to (N, in) and (N, out) first",
     _dw_per_batch),
    ("grad_x used weight.T: since y = x @ Wᵀ with W (out, in), grad_x = grad_output @ W (no transpose)",
     _dx_wt),
    ("grad_bias was averaged: the bias is added to every row, so its gradient is the sum of "
     "grad_output over the rows, not the mean",
     _db_mean),
    ("grad_weight was averaged over the rows: it is the sum Σ gᵢ xᵢᵀ, not the mean",
     _dw_mean),
    ("with bias=None the bias gradient must be None, not zeros",
     _db_zero_grad_bias),
]


# ---------------------------------------------------------------------------------------
# bench


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """grad_output (N, Dout), x (N, Din), weight (Dout, Din), bias (Dout,)."""
    N, d_in, d_out = int(size["N"]), int(size["Din"]), int(size["Dout"])
    x = caselib.randn([N, d_in], gen, dtype, device)
    weight = caselib.randn([d_out, d_in], gen, dtype, device, scale=d_in ** -0.5)
    bias = caselib.randn([d_out], gen, dtype, device)
    grad = caselib.randn([N, d_out], gen, dtype, device, scale=N ** -0.5)
    return {"args": [grad, x, weight, bias], "kwargs": {}}


def bench_builtin(grad_output, x, weight, bias=None):
    """PyTorch's autograd through F.linear, as a training step computes these gradients."""
    return _autograd_linear_backward(grad_output, x, weight, bias)
