"""Hidden cases for inplace_backward_fix.

Each case runs the learner's forward on leaf tensors x, w, b, back-propagates a random
upstream gradient, and compares the output and the three gradients with autograd through
torch.nn.functional.silu(F.linear(x, w, b)).
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice([2, 2, 3])
    sizes = caselib.distinct_sizes(rng, rank + 1, 2, 9)
    lead, d_in, d_out = sizes[:-2], sizes[-2], sizes[-1]
    return {"lead": lead, "d_in": d_in, "d_out": d_out,
            "layout": rng.choice(["contiguous", "contiguous", "transposed"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    lead, d_in, d_out = list(params["lead"]), int(params["d_in"]), int(params["d_out"])
    x = caselib.randn(lead + [d_in], gen, dtype, device, scale=float(params.get("scale", 1.0)))
    w = caselib.randn([d_out, d_in], gen, dtype, device, scale=d_in ** -0.5)
    b = caselib.randn([d_out], gen, dtype, device, scale=0.5)
    g = caselib.randn(lead + [d_out], gen, dtype, device)
    if params.get("layout") == "transposed":
        x, w = caselib.layout(x, "transposed"), caselib.layout(w, "transposed")
    return {"args": [x, w, b], "kwargs": {}, "upstream": g}


def _grad(t):
    return "None (no gradient reached this input)" if t.grad is None else t.grad.detach().clone()


def call(entry, inputs: dict, ctx):
    # Fresh leaves that keep the inputs' memory layout.
    x, w, b = (t.to(ctx.dtype).detach().requires_grad_(True) for t in inputs["args"])
    out = ctx.call(entry, x, w, b)
    if not isinstance(out, torch.Tensor):
        return {"output": out}
    result = {"output": out.detach().clone()}
    result["output.requires_grad"] = bool(out.requires_grad)
    if not out.requires_grad:  # nothing to back-propagate through
        return result
    # Backward runs here, in the tests; an in-place error surfaces at this point.
    out.backward(inputs["upstream"].to(ctx.dtype))
    result.update({"grad x": _grad(x), "grad w": _grad(w), "grad b": _grad(b)})
    return result


def reference_entry():
    def silu_linear(x, w, b):
        return F.silu(F.linear(x, w, b))
    return silu_linear


# ---------------------------------------------------------------------------------------
# Known mistakes: each a whole forward whose gradients are silently wrong.


def _detached_gate(x, w, b):
    h = x @ w.t() + b
    return torch.sigmoid(h).detach() * h


def _data_write(x, w, b):
    h = x @ w.t() + b
    out = torch.sigmoid(h)
    out.data *= h.data
    return out


def _detached_h(x, w, b):
    h = x @ w.t() + b
    return h.detach() * torch.sigmoid(h)


SUSPECTS = [
    ("the sigmoid was detached: its output is treated as a constant, so the σ'(h) term of "
     "the gradient is missing and nothing flows back through the gate",
     _detached_gate),
    ("the in-place write went through `.data`, which hides it from autograd: the error "
     "disappears, but sigmoid's backward now reads h·σ(h) instead of σ(h) and the "
     "gradient is silently wrong",
     _data_write),
    ("h was detached in the product: the gradient only flows through the sigmoid, the "
     "σ(h) term of the derivative is missing",
     _detached_h),
]
