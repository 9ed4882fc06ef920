"""Hidden cases for sigmoid_tanh_backward."""

import random

import torch

from dlquiz import caselib

KINDS = ("sigmoid", "tanh")
LAYOUTS = ("contiguous", "contiguous", "transposed", "sliced", "expanded_grad")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(0, 4)
    shape = caselib.distinct_sizes(rng, rank, 2, 9) if rank else []
    return {
        "shape": shape,
        "kind": KINDS[index % 2],
        "layout": rng.choice(LAYOUTS) if rank else "contiguous",
        "scale": rng.choice([0.5, 1.0, 2.0, 4.0]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    kind = params["kind"]
    # x is drawn in float64 and the forward output y is what the backward pass receives.
    x = caselib.randn_special(shape, gen, params.get("scale", 1.0), params.get("special"))
    y = torch.sigmoid(x) if kind == "sigmoid" else torch.tanh(x)
    y = y.to(dtype=dtype, device=device)
    layout = params.get("layout", "contiguous")
    if layout == "expanded_grad":
        base = caselib.randn(shape[:-1] + [1], gen, dtype, device)
        g = base.expand(*shape)
    else:
        g = caselib.randn(shape, gen, dtype, device)
        if layout in ("transposed", "sliced"):
            y, g = caselib.layout(y, layout), caselib.layout(g, "sliced" if layout == "transposed" else layout)
    return {"args": [g, y, kind], "kwargs": {}}


def reference_entry():
    # Exactly what autograd runs in the backward of torch.sigmoid / torch.tanh: both
    # kernels take the saved forward output, not the input.
    def backward(grad_output, output, kind):
        if kind == "sigmoid":
            return torch.ops.aten.sigmoid_backward(grad_output, output)
        if kind == "tanh":
            return torch.ops.aten.tanh_backward(grad_output, output)
        raise ValueError(kind)
    return backward


def _only(kind, fn):
    def suspect(g, y, k):
        if k != kind:
            raise ValueError("suspect is for the other activation")
        return fn(g, y)
    return suspect


SUSPECTS = [
    ("the two formulas are swapped: sigmoid' = y(1 − y), tanh' = 1 − y²",
     lambda g, y, k: g * (1 - y * y) if k == "sigmoid" else g * y * (1 - y)),
    ("sign slip: the sigmoid derivative is y·(1 − y), not y·(1 + y)",
     _only("sigmoid", lambda g, y: g * y * (1 + y))),
    ("the sigmoid derivative is missing its (1 − y) factor: it is y·(1 − y)",
     _only("sigmoid", lambda g, y: g * y)),
    ("tanh' is 1 − y² (one minus the square of y), not (1 − y)²",
     _only("tanh", lambda g, y: g * (1 - y) ** 2)),
    ("tanh' is 1 − y², the square is missing: you wrote 1 − y",
     _only("tanh", lambda g, y: g * (1 - y))),
    ("you returned y·grad (or y) where tanh' = 1 − y² is needed",
     _only("tanh", lambda g, y: g * y)),
    ("the upstream gradient is not multiplied in: return grad_output · f'(x), not f'(x) alone",
     lambda g, y, k: y * (1 - y) if k == "sigmoid" else 1 - y * y),
]
