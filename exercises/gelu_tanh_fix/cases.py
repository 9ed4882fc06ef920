"""Hidden cases for gelu_tanh_fix."""

import math
import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "contiguous", "transposed", "sliced")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "layout": rng.choice(LAYOUTS),
        "scale": rng.choice([1.0, 2.0, 3.0]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    x = caselib.randn_special(shape, gen, params.get("scale", 1.0), params.get("special"))
    x = x.to(dtype=dtype, device=device)
    if params.get("layout", "contiguous") != "contiguous":
        x = caselib.layout(x, params["layout"])
    return {"args": [x], "kwargs": {}}


def reference_entry():
    # The truth is PyTorch's own tanh-approximate GELU.
    return lambda x: torch.nn.functional.gelu(x, approximate="tanh")


def _tanh_form(x, k=math.sqrt(2 / math.pi), power=3, leading_x=True):
    inner = 1 + torch.tanh(k * (x + 0.044715 * x ** power))
    return 0.5 * x * inner if leading_x else 0.5 * inner


SUSPECTS = [
    ("both bugs from the notes are still there: the leading x is missing and the constant is "
     "√(π/2); it is 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))",
     lambda x: _tanh_form(x, k=math.sqrt(math.pi / 2), leading_x=False)),
    ("the leading x is missing: GELU is x times a smooth gate, 0.5·x·(1 + tanh(...)); "
     "without the x you return the gate only (values in [0, 1])",
     lambda x: _tanh_form(x, leading_x=False)),
    ("the constant is √(π/2) ≈ 1.2533; the tanh approximation uses √(2/π) ≈ 0.7979",
     lambda x: _tanh_form(x, k=math.sqrt(math.pi / 2))),
    ("the cubic term is written 0.044715·x²; it is 0.044715·x³ (the odd power keeps GELU's "
     "symmetry, gelu(x) − gelu(−x) = x)",
     lambda x: _tanh_form(x, power=2)),
    ("that is the exact erf GELU x·Φ(x); this function must match the tanh approximation "
     "(F.gelu(x, approximate='tanh')), which differs by up to ~5e-4",
     lambda x: 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))),
    ("that is the sigmoid approximation x·σ(1.702x); the asked form is the tanh one",
     lambda x: x * torch.sigmoid(1.702 * x)),
]
