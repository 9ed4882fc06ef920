"""Hidden cases for gelu_backward."""

import math
import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "contiguous", "transposed", "sliced")
_FORMS = (None, "none", "tanh", "tanh")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        # Cycle through: default (not passed), "none" passed, "tanh" passed. The dtypes cycle
        # with index % 4 as well on CUDA (float32, float64, float16, bfloat16), so from case 20
        # on the forms are shifted by two: every dtype then meets both the exact and the tanh form.
        "approximate": _FORMS[index % 4] if index < 20 else _FORMS[(index + 2) % 4],
        "layout": rng.choice(LAYOUTS),
        "scale": rng.choice([1.0, 2.0, 3.0]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    x = caselib.randn_special(shape, gen, params.get("scale", 1.0), params.get("special"))
    x = x.to(dtype=dtype, device=device)
    g = caselib.randn(shape, gen, dtype, device)
    layout = params.get("layout", "contiguous")
    if layout != "contiguous":
        x, g = caselib.layout(x, layout), caselib.layout(g, "sliced")
    approximate = params.get("approximate")
    kwargs = {} if approximate is None else {"approximate": approximate}
    return {"args": [g, x], "kwargs": kwargs}


def reference_entry():
    # The truth is autograd through PyTorch's own GELU (inputs arrive upcast to float64).
    def gelu_backward(grad_output, x, approximate="none"):
        with torch.enable_grad():
            xr = x.detach().clone().requires_grad_(True)
            y = torch.nn.functional.gelu(xr, approximate=approximate)
            (dx,) = torch.autograd.grad(y, xr, grad_output)
        return dx
    return gelu_backward


SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
C = 0.044715


def _cdf(x):
    return 0.5 * (1 + torch.erf(x / math.sqrt(2.0)))


def _pdf(x):
    return torch.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _tanh_grad(g, x, k=SQRT_2_OVER_PI, inner_slope=True, leading_x_term=True):
    u = k * (x + C * x ** 3)
    t = torch.tanh(u)
    du = k * (1 + 3 * C * x * x) if inner_slope else torch.full_like(x, k)
    d = 0.5 * (1 + t)
    if leading_x_term:
        d = d + 0.5 * x * (1 - t * t) * du
    return g * d


def _exact(fn):
    def suspect(g, x, approximate="none"):
        if approximate != "none":
            raise ValueError("suspect is for the exact (erf) GELU")
        return fn(g, x)
    return suspect


def _tanh(fn):
    def suspect(g, x, approximate="none"):
        if approximate != "tanh":
            raise ValueError("suspect is for the tanh approximation")
        return fn(g, x)
    return suspect


SUSPECTS = [
    ("the x·φ(x) term is missing: d/dx [x·Φ(x)] = Φ(x) + x·φ(x) by the product rule",
     _exact(lambda g, x: g * _cdf(x))),
    ("that is the gradient of the tanh approximation; approximate='none' is the exact GELU "
     "x·Φ(x) with Φ from erf",
     _exact(lambda g, x: _tanh_grad(g, x))),
    ("Φ(x) uses erf(x); the standard normal CDF is 0.5·(1 + erf(x / √2))",
     _exact(lambda g, x: g * (0.5 * (1 + torch.erf(x)) + x * torch.exp(-x * x) / math.sqrt(math.pi)))),
    ("Φ(x) uses erf(x); the standard normal CDF is 0.5·(1 + erf(x / √2))",
     _exact(lambda g, x: g * (0.5 * (1 + torch.erf(x)) + x * _pdf(x)))),
    ("φ(x) is missing its 1/√(2π) normalization: φ(x) = exp(−x²/2) / √(2π)",
     _exact(lambda g, x: g * (_cdf(x) + x * torch.exp(-0.5 * x * x)))),
    ("the tanh approximation uses √(2/π) ≈ 0.798, not √(π/2) ≈ 1.253",
     _tanh(lambda g, x: _tanh_grad(g, x, k=math.sqrt(math.pi / 2)))),
    ("the inner derivative is missing its 3·0.044715·x² term: d/dx √(2/π)(x + 0.044715x³) = "
     "√(2/π)(1 + 3·0.044715·x²)",
     _tanh(lambda g, x: _tanh_grad(g, x, inner_slope=False))),
    ("the 0.5·x·(1 − tanh²(u))·u' term is missing: the product rule also differentiates the tanh",
     _tanh(lambda g, x: _tanh_grad(g, x, leading_x_term=False))),
    ("that is the exact (erf) GELU gradient; approximate='tanh' asks for the gradient of "
     "0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³)))",
     _tanh(lambda g, x: g * (_cdf(x) + x * _pdf(x)))),
]


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """grad_output and x of shape (N, D), the exact (erf) GELU."""
    shape = [int(size["N"]), int(size["D"])]
    return {"args": [caselib.randn(shape, gen, dtype, device), caselib.randn(shape, gen, dtype, device)],
            "kwargs": {}}


def bench_builtin(grad_output, x, approximate="none"):
    """PyTorch's own GELU backward kernel, the one autograd calls."""
    return torch.ops.aten.gelu_backward(grad_output, x, approximate=approximate)
