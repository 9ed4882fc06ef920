"""Hidden cases for mish_backward."""

import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "contiguous", "transposed", "sliced")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "layout": rng.choice(LAYOUTS),
        "scale": rng.choice([1.0, 2.0, 4.0]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    x = caselib.randn_special(shape, gen, params.get("scale", 1.0), params.get("special"))
    x = x.to(dtype=dtype, device=device)
    g = caselib.randn(shape, gen, dtype, device)
    if params.get("layout", "contiguous") != "contiguous":
        x, g = caselib.layout(x, params["layout"]), caselib.layout(g, "sliced")
    return {"args": [g, x], "kwargs": {}}


def reference_entry():
    # Autograd through PyTorch's own Mish, on the float64-upcast inputs.
    def mish_backward(grad_output, x):
        with torch.enable_grad():
            xr = x.detach().clone().requires_grad_(True)
            (dx,) = torch.autograd.grad(torch.nn.functional.mish(xr), xr, grad_output)
        return dx
    return mish_backward


def _sp(x):
    return torch.nn.functional.softplus(x)


def _in_float32(fn):
    """A float32 overflow mistake: suspects see float64 inputs, so redo it in float32 and
    only match when it really produces NaN/inf there."""
    def suspect(g, x):
        x32, g32 = x.to(torch.float32), g.to(torch.float32)
        d = fn(x32)
        if torch.isfinite(d).all():
            raise ValueError("no overflow on this case")
        return (g32 * d).to(x.dtype)
    return suspect


def _closed_form(x):
    e = torch.exp(x)
    omega = 4 * (x + 1) + 4 * e * e + e ** 3 + e * (4 * x + 6)
    delta = 2 * e + e * e + 2
    return e * omega / (delta * delta)


def _naive_sigmoid(x):
    t = torch.tanh(_sp(x))
    e = torch.exp(x)
    return t + x * (1 - t * t) * (e / (1 + e))


SUSPECTS = [
    ("the chain rule through softplus is missing: d/dx tanh(softplus(x)) = "
     "(1 − tanh²(softplus(x)))·σ(x); the σ(x) factor is gone",
     lambda g, x: g * (torch.tanh(_sp(x)) + x * (1 - torch.tanh(_sp(x)) ** 2))),
    ("that is the gradient of x·tanh(x); Mish is x·tanh(softplus(x)), with softplus(x) = "
     "log(1 + eˣ)",
     lambda g, x: g * (torch.tanh(x) + x * (1 - torch.tanh(x) ** 2))),
    ("you returned grad·tanh(softplus(x)): the product rule also needs "
     "x·(1 − tanh²(softplus(x)))·σ(x)",
     lambda g, x: g * torch.tanh(_sp(x))),
    ("exp(x) overflowed: eˣ / (1 + eˣ) is inf/inf = NaN in float32 for x > 88.7; use "
     "torch.sigmoid(x) for the softplus derivative",
     _in_float32(_naive_sigmoid)),
    ("the closed form eˣ·ω / δ² overflows in float32 (e^(3x), δ² ~ e^(4x)) already for x above "
     "~22 and gives NaN; write it with tanh(softplus(x)) and σ(x), which saturate instead",
     _in_float32(_closed_form)),
]
