"""Hidden cases for numerical_gradcheck.

Each case hands the learner a smooth scalar function f and a float64 tensor x; the truth is
autograd's gradient of f at x. The learner works on its own copy of x (so that perturbing
and restoring x in place is allowed), and that copy must hold its original values again
when the call returns.
"""

import random

import torch

from dlquiz import caselib
from dlquiz.guards import LearnerFault

LAYOUTS = ("contiguous", "transposed", "sliced")


class Fn:
    """A named scalar function of a tensor (named, so a verdict can say which one)."""

    def __init__(self, name, fn):
        self.name, self.fn = name, fn

    def __call__(self, x):
        return self.fn(x)

    def __repr__(self):
        return f"f(x) = {self.name}"


# Smooth functions with real curvature: a forward difference is off by about eps·f''/2,
# well past the tolerance, while a central difference is off by eps²·f'''/6 ≈ 1e-11.
FUNCTIONS = {
    "sin4": Fn("sum(sin(4x))", lambda x: torch.sin(4 * x).sum()),
    "cubic": Fn("sum(x³ − 2x)", lambda x: (x ** 3 - 2 * x).sum()),
    "lse3": Fn("logsumexp(3x)", lambda x: torch.logsumexp(3 * x.reshape(-1), 0)),
    "exp": Fn("mean(exp(1.5x))", lambda x: torch.exp(1.5 * x).mean()),
    "sqnorm2": Fn("(Σx²)² / n", lambda x: (x * x).sum() ** 2 / x.numel()),
    "tanh2": Fn("sum(tanh(2x)²)", lambda x: torch.tanh(2 * x).pow(2).sum()),
}


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((1, 2, 2, 3))
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 6 if rank < 3 else 4),
        "fn": rng.choice(sorted(FUNCTIONS)),
        "layout": LAYOUTS[index % len(LAYOUTS)],
        "eps": rng.choice((None, None, 1e-5)),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = [int(s) for s in params["shape"]]
    x = caselib.randn(shape, gen, torch.float64, "cpu", scale=float(params.get("scale", 0.7)))
    layout = params.get("layout", "contiguous")
    x = caselib.layout(x.to(dtype=dtype, device=device), layout, gen)
    kwargs = {} if params.get("eps") is None else {"eps": float(params["eps"])}
    return {"args": [FUNCTIONS[params["fn"]], x], "kwargs": kwargs, "layout": layout}


def _autograd_truth(f, x, eps=1e-6):
    with torch.enable_grad():
        xr = x.detach().clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(xr), xr)
    return g


def reference_entry():
    return _autograd_truth


def call(entry, inputs: dict, ctx):
    f, x = inputs["args"]
    # The learner gets a fresh copy of x in the same layout, outside the engine's input
    # snapshot: perturbing x in place and restoring it is a legitimate technique (it bumps
    # the tensor's version counter, which the snapshot would report). What counts is that
    # x holds its original values again afterwards, which is checked below.
    work = caselib.layout(x, inputs.get("layout", "contiguous"))
    out = ctx.call(lambda: entry(f, work, **inputs["kwargs"]))
    if not ctx.is_reference:
        # A restore by subtraction, (x + eps) − eps, may be off by one rounding; allow that.
        moved = (work - x).abs() > 1e-12 * (1 + x.abs())
        moved |= work.isnan() & ~x.isnan()
        if bool(moved.any()):
            first = [int(i) for i in moved.nonzero()[0]]
            n = int(moved.sum())
            raise LearnerFault(
                "mutation",
                f"leaves x changed: after your function returned, {n} of {x.numel()} elements of x "
                f"(first at {first}) no longer hold their original values; restore each perturbed "
                f"element (save its old value first) or perturb a copy")
    return out


# ---------------------------------------------------------------------------------------
# Known mistakes. Each works on its own contiguous copy of x.


def _one_sided(f, x, eps=1e-6):
    xs = x.detach().clone().contiguous()
    flat, g = xs.view(-1), torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
    base = float(f(xs))
    for i in range(flat.numel()):
        old = float(flat[i])
        flat[i] = old + eps
        g[i] = (float(f(xs)) - base) / eps
        flat[i] = old
    return g.reshape(x.shape)


def _central(f, x, eps=1e-6, denom=2.0, first_only=False):
    xs = x.detach().clone().contiguous()
    flat, g = xs.view(-1), torch.zeros(x.numel(), dtype=x.dtype, device=x.device)
    for i in range(1 if first_only else flat.numel()):
        old = float(flat[i])
        flat[i] = old + eps
        up = float(f(xs))
        flat[i] = old - eps
        down = float(f(xs))
        flat[i] = old
        g[i] = (up - down) / (denom * eps)
    if first_only and x.numel() == 1:
        raise ValueError("with one element this equals the right answer")
    return g.reshape(x.shape)


def _rows(f, x, eps=1e-6):
    if x.dim() < 2:
        raise ValueError("applies to x with 2 or more dims only")
    xs = x.detach().clone()
    g = torch.zeros_like(xs)
    for i in range(xs.shape[0]):
        old = xs[i].clone()
        xs[i] = old + eps
        up = float(f(xs))
        xs[i] = old - eps
        down = float(f(xs))
        xs[i] = old
        g[i] = (up - down) / (2 * eps)
    return g


SUSPECTS = [
    ("that is a forward difference (f(x + eps) − f(x)) / eps, whose error is about eps·f''/2; "
     "the central difference (f(x + eps) − f(x − eps)) / (2·eps) is accurate to eps²",
     _one_sided),
    ("the central difference spans 2·eps: divide f(x + eps) − f(x − eps) by 2·eps, not eps",
     lambda f, x, eps=1e-6: _central(f, x, eps, denom=1.0)),
    ("only the first element of the gradient was computed: is the return (or a break) inside "
     "the loop over elements?",
     lambda f, x, eps=1e-6: _central(f, x, eps, first_only=True)),
    ("x[i] of a multi-dim x is a whole row: you perturbed a row at a time; loop over every "
     "element (x.numel() of them), e.g. through a flat contiguous copy",
     _rows),
]
