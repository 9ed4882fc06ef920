"""Hidden cases for silu_backward."""

import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "contiguous", "transposed", "sliced", "expanded_grad")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "layout": rng.choice(LAYOUTS),
        "scale": rng.choice([1.0, 3.0, 6.0]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    x = caselib.randn_special(shape, gen, params.get("scale", 1.0), params.get("special"))
    x = x.to(dtype=dtype, device=device)
    layout = params.get("layout", "contiguous")
    if layout == "expanded_grad":
        g = caselib.randn(shape[:-1] + [1], gen, dtype, device).expand(*shape)
    else:
        g = caselib.randn(shape, gen, dtype, device)
        if layout != "contiguous":
            x, g = caselib.layout(x, layout), caselib.layout(g, "sliced")
    return {"args": [g, x], "kwargs": {}}


def reference_entry():
    # Autograd through PyTorch's own SiLU, on the float64-upcast inputs.
    def silu_backward(grad_output, x):
        with torch.enable_grad():
            xr = x.detach().clone().requires_grad_(True)
            (dx,) = torch.autograd.grad(torch.nn.functional.silu(xr), xr, grad_output)
        return dx
    return silu_backward


def _naive_nan(g, x):
    # A learner's exp() in float32 overflows past ~88.7; suspects see float64 inputs, so redo
    # the naive quotient in float32 and only claim the blame when it really gives NaN.
    x32 = x.to(torch.float32)
    e = torch.exp(-x32)
    d = (1 + e + x32 * e) / (1 + e) ** 2
    if not torch.isnan(d).any():
        raise ValueError("no overflow on this case")
    return (g.to(torch.float32) * d).to(x.dtype)


SUSPECTS = [
    ("you returned grad·σ(x): silu(x) = x·σ(x) needs the product rule, σ(x) + x·σ'(x)",
     lambda g, x: g * torch.sigmoid(x)),
    ("that is the sigmoid's derivative σ(x)(1 − σ(x)); silu(x) = x·σ(x) has "
     "σ(x) + x·σ(x)(1 − σ(x))",
     lambda g, x: g * torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    ("the σ(x) term of the product rule is missing: (x·σ(x))' = σ(x) + x·σ(x)(1 − σ(x))",
     lambda g, x: g * x * torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    ("σ'(x) = σ(x)(1 − σ(x)), not σ(x)·σ(x): the gradient is σ(x)·(1 + x·(1 − σ(x)))",
     lambda g, x: g * torch.sigmoid(x) * (1 + x * torch.sigmoid(x))),
    ("exp() overflowed: e^(−x) is inf in float32 for x < −88.7 and the quotient becomes "
     "inf/inf = NaN; compute σ(x) with torch.sigmoid (stable) and write the gradient through it",
     _naive_nan),
]
