"""Hidden tests for groupnorm_module.

One case: construct the learner's GroupNorm(num_groups, num_channels, eps, affine), check
its parameters (names, shapes) and state_dict keys, give weight and bias non-trivial
values, run one forward on x (a leaf) and one backward with a random upstream gradient,
and compare output, grad of x, grad of weight and grad of bias with torch.nn.GroupNorm in
float64. A case with num_channels not divisible by num_groups checks that the
constructor raises ValueError, as PyTorch's does.

params:
  n, groups, per_group: batch size, G, channels per group (C = G · per_group)
  spatial:      trailing sizes after C: [] for (N, C), [L], or [H, W]
  channels:     explicit C (only for the indivisible case)
  eps, affine:  constructor arguments (default 1e-5, True)
  shift, loc_spread, scale: per-(sample, group) mean = shift + loc_spread·N(0, 1) and
                std = scale·e^{0.2·N(0, 1)}
  layout:       memory layout of x (caselib.layout)
"""

import random

import torch
from torch import nn

from dlquiz import caselib
from dlquiz.guards import LearnerFault

LAYOUTS = ("contiguous", "transposed", "sliced")
EPSES = (1e-5, 1e-5, 1e-3, 1e-6)


def random_params(rng: random.Random, index: int) -> dict:
    rank = (2, 3, 4)[index % 3]
    n_spatial = rank - 2
    groups = rng.choice((1, 2, 3, 4))
    per_group = rng.choice((1, 2, 3)) if n_spatial else rng.choice((3, 4))
    n, *spatial = caselib.distinct_sizes(rng, 1 + n_spatial, 2, 6)
    if n_spatial and per_group * spatial[0] < 3:
        spatial[0] += 2  # at least 3 values per group, so the statistics are meaningful
    return {
        "n": n,
        "groups": groups,
        "per_group": per_group,
        "spatial": spatial,
        "eps": rng.choice(EPSES),
        "affine": rng.random() < 0.8,
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[(index // 3) % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    n, groups = int(params["n"]), int(params["groups"])
    spatial = [int(s) for s in params.get("spatial", [])]
    common = {
        "args": [],
        "kwargs": {},
        "num_groups": groups,
        "eps": float(params.get("eps", 1e-5)),
        "affine": bool(params.get("affine", True)),
    }
    if params.get("channels") is not None:
        # Only the constructor is exercised: it must refuse C % G != 0.
        c = int(params["channels"])
        return {**common, "num_channels": c, "x": None}
    per = int(params["per_group"])
    c = groups * per
    rest = 1
    for s in spatial:
        rest *= s
    m = per * rest                                    # values per (sample, group)
    # Each (sample, group) is standardized in float64 and given its own mean and std, so
    # no group is ill-conditioned by chance.
    z = caselib.standardized((n, groups, m), gen, 2)
    mean = float(params.get("shift", 0.0)) + caselib.randn(
        (n, groups, 1), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0)))
    std = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((n, groups, 1), gen, f64, "cpu"))
    shape = [n, c] + spatial
    x = (z * std + mean).reshape(shape)
    # Upstream gradient scaled by each group's std keeps grad_input of order one.
    g = (caselib.randn((n, groups, m), gen, f64, "cpu") * std).reshape(shape)
    return {
        **common,
        "num_channels": c,
        "x": caselib.layout(x.to(dtype=dtype, device=device), params.get("layout", "contiguous"), gen),
        # Away from the identity, and different per channel, so the affine step shows.
        "weight_value": caselib.randn((c,), gen, dtype, device, scale=0.5, shift=1.0),
        "bias_value": caselib.randn((c,), gen, dtype, device, scale=0.5),
        "upstream": g.to(dtype=dtype, device=device),
    }


def call(entry, inputs: dict, ctx):
    ctor = (inputs["num_groups"], inputs["num_channels"])
    if inputs["x"] is None:
        try:
            ctx.call(entry, *ctor, eps=inputs["eps"], affine=inputs["affine"])
        except LearnerFault:
            raise
        except Exception as exc:  # noqa: BLE001 - which exception is the point of the case
            return {"constructor": f"raises {type(exc).__name__}"}
        return {"constructor": "returns a module without raising"}

    m = ctx.call(entry, *ctor, eps=inputs["eps"], affine=inputs["affine"])
    return caselib.module_forward_backward(m, inputs, ctx)


def reference_entry():
    return torch.nn.GroupNorm


# ---------------------------------------------------------------------------------------
# Known mistakes. One class with switches; each suspect turns exactly one switch on.


class _WrongGroupNorm(nn.Module):
    strided_groups = False
    over_batch = False
    fixed_groups = None
    unbiased = False
    eps_outside_sqrt = False

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True):
        super().__init__()
        if num_channels % num_groups:
            raise ValueError("indivisible")
        if self.strided_groups and num_groups in (1, num_channels):
            raise ValueError("strided groups equal the right ones when G = 1 or G = C")
        if self.fixed_groups is not None and num_groups == self.fixed_groups:
            raise ValueError("same as the right answer")
        self.g = self.fixed_groups or num_groups
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(num_channels)) if affine else None
        self.bias = nn.Parameter(torch.zeros(num_channels)) if affine else None

    def forward(self, x):
        n, c = x.shape[:2]
        g = self.g
        if self.strided_groups:
            xg = x.reshape(n, c // g, g, -1)             # channel k lands in group k % G
            dims = (1, 3)
        else:
            xg = x.reshape(n, g, -1)
            dims = (0, 2) if self.over_batch else (2,)
        mean = xg.mean(dim=dims, keepdim=True)
        var = xg.var(dim=dims, keepdim=True, unbiased=self.unbiased)
        den = var.sqrt() + self.eps if self.eps_outside_sqrt else torch.sqrt(var + self.eps)
        y = ((xg - mean) / den).reshape(x.shape)
        if self.weight is not None:
            view = (1, c) + (1,) * (x.dim() - 2)
            y = y * self.weight.reshape(view) + self.bias.reshape(view)
        return y


def _suspect(**switches):
    return type("WrongGroupNorm", (_WrongGroupNorm,), switches)


SUSPECTS = [
    ("the groups were formed by striding channels: x.reshape(N, C // G, G, ...) puts channel k in "
     "group k % G; PyTorch's groups are G blocks of C // G consecutive channels, "
     "x.reshape(N, G, C // G, ...)",
     _suspect(strided_groups=True)),
    ("the statistics were also taken over the batch dim; GroupNorm normalizes each sample on its "
     "own (per sample and group, over that group's channels and all spatial positions)",
     _suspect(over_batch=True)),
    ("16 groups are hard-coded; use the num_groups argument",
     _suspect(fixed_groups=16)),
    ("you normalized with the unbiased variance (÷ (n − 1)); GroupNorm uses the biased one (÷ n)",
     _suspect(unbiased=True)),
    ("eps belongs inside the square root: (x − mean) / sqrt(var + eps), not / (sqrt(var) + eps)",
     _suspect(eps_outside_sqrt=True)),
]
