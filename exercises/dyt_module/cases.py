"""Hidden tests for dyt_module (Dynamic Tanh, DyT(x) = weight · tanh(alpha · x) + bias).

PyTorch has no DyT module, so the truth is the formula itself, written below as _DyT and
run in float64. One case: construct DyT(num_features, alpha_init=...), check its
parameters (names, shapes, initial values) and state_dict keys, set alpha, weight and bias
to non-trivial values, run one forward on x (a leaf) and one backward with a random
upstream gradient, and compare the output and the gradients of x, alpha, weight and bias.

params:
  lead:        leading sizes, e.g. [5] or [3, 4]
  c:           num_features (the last dim)
  alpha_init:  constructor argument (omitted from the call when absent: the default 0.5)
  alpha:       the value alpha is set to before the forward
  scale:       spread of x (large values saturate the tanh)
  layout:      memory layout of x (caselib.layout)
"""

import random

import torch
from torch import nn

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")
PARAM_NAMES = ("alpha", "weight", "bias")


class _DyT(nn.Module):
    """The definition: a learnable scalar alpha (shape (1,)), per-feature weight and bias."""

    def __init__(self, num_features: int, alpha_init: float = 0.5):
        super().__init__()
        self.alpha = nn.Parameter(torch.full((1,), float(alpha_init)))
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))

    def forward(self, x):
        return self.weight * torch.tanh(self.alpha * x) + self.bias


def random_params(rng: random.Random, index: int) -> dict:
    n_lead = rng.choice((1, 2))
    *lead, c = caselib.distinct_sizes(rng, n_lead + 1, 2, 8)
    p = {
        "lead": lead,
        "c": c,
        "alpha": round(rng.uniform(0.2, 2.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[(index // 2) % len(LAYOUTS)],
        # No "dtype": the engine cycles through the spec's dtypes, float32 / float64 on
        # even / odd indices on a CPU run as before, and float16 / bfloat16 on every
        # 4k + 2 / 4k + 3 index on CUDA (and in dev check).
    }
    if rng.random() < 0.5:
        p["alpha_init"] = rng.choice((0.2, 1.0, 0.8))
    return p


def _upstream_scale(lead, dtype) -> float:
    if dtype not in (torch.float16, torch.bfloat16):
        return 1.0
    rows = 1
    for s in lead:
        rows *= s
    return rows ** -0.5


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    lead = [int(s) for s in params["lead"]]
    c = int(params["c"])
    shape = lead + [c]
    x = caselib.randn(shape, gen, torch.float64, "cpu", scale=float(params.get("scale", 1.0)),
                      shift=float(params.get("shift", 0.0)))
    return {
        "args": [],
        "kwargs": {},
        "x": caselib.layout(x.to(dtype=dtype, device=device), params.get("layout", "contiguous"), gen),
        "num_features": c,
        "alpha_init": params.get("alpha_init"),
        "alpha_value": torch.tensor([float(params.get("alpha", 0.7))], dtype=dtype, device=device),
        # Away from the identity and different per feature, so a forgotten weight or bias shows.
        "weight_value": caselib.randn((c,), gen, dtype, device, scale=0.5, shift=1.0),
        "bias_value": caselib.randn((c,), gen, dtype, device, scale=0.5),
        # Half cases only: grad_alpha sums one term per element and grad_weight / grad_bias
        # one per row; in half each term is rounded on its own, so their error grows like
        # sqrt(rows) while a sum may come out near 0. An upstream of 1/sqrt(rows) keeps those
        # sums O(1), so one atol fits every output.
        "upstream": caselib.randn(shape, gen, dtype, device, scale=_upstream_scale(lead, dtype)),
    }


def call(entry, inputs: dict, ctx):
    def own(t):
        return t.to(device=ctx.device, dtype=ctx.dtype)

    if inputs["alpha_init"] is None:
        m = ctx.call(entry, inputs["num_features"])
    else:
        m = ctx.call(entry, inputs["num_features"], alpha_init=inputs["alpha_init"])
    m = m.to(device=ctx.device, dtype=ctx.dtype)
    params = dict(m.named_parameters())
    out = caselib.module_structure(m)
    for name in PARAM_NAMES:
        out[f"initial {name}"] = caselib.snapshot(getattr(m, name, None))
    with torch.no_grad():
        for name in PARAM_NAMES:
            p = params.get(name)
            if isinstance(p, torch.Tensor):
                try:
                    p.copy_(own(inputs[f"{name}_value"]))
                except RuntimeError:
                    pass  # a wrongly shaped parameter; the structure check already fails
    x = own(inputs["x"]).detach().requires_grad_(True)
    y = ctx.call(m, x)
    out["output"] = caselib.snapshot(y)
    (y * own(inputs["upstream"])).sum().backward()
    out["grad_input"] = caselib.snapshot(x.grad)
    for name in PARAM_NAMES:
        p = params.get(name)
        out[f"grad_{name}"] = caselib.snapshot(p.grad) if p is not None else "not a parameter"
    return out


def reference_entry():
    return _DyT


# ---------------------------------------------------------------------------------------
# Known mistakes.


class _AlphaOutside(_DyT):
    def forward(self, x):
        return self.weight * (torch.tanh(x) * self.alpha) + self.bias


class _NoAlpha(_DyT):
    def forward(self, x):
        return self.weight * torch.tanh(x) + self.bias


SUSPECTS = [
    ("alpha scales the output of the tanh instead of its input: DyT is weight · tanh(alpha · x) "
     "+ bias, alpha decides where the tanh saturates",
     _AlphaOutside),
    ("alpha is missing from the forward: tanh(x) instead of tanh(alpha · x)",
     _NoAlpha),
]
