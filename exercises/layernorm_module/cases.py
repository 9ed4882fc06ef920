"""Hidden tests for layernorm_module.

One case: construct the learner's LayerNorm with the case's constructor arguments, check
which parameters it registers (names and shapes, and the state_dict keys), give weight and
bias non-trivial values, run one forward on x (a leaf) and one backward with a random
upstream gradient, and compare output, grad of x, grad of weight and grad of bias with
torch.nn.LayerNorm in float64.

params:
  lead:         leading (batch) sizes, e.g. [5] or [3, 4]
  norm:         the normalized trailing sizes, e.g. [6] or [3, 5]
  as_int:       pass normalized_shape as an int (only when len(norm) == 1)
  eps, affine, bias: constructor arguments (default 1e-5, True, True)
  shift, loc_spread, scale: per-row mean = shift + loc_spread·N(0, 1), std = scale·e^{0.2·N(0,1)}
  tiny_rows:    how many rows are made almost constant (std = tiny_std)
  layout:       memory layout of x (caselib.layout)
"""

import random

import torch
from torch import nn

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")
EPSES = (1e-5, 1e-5, 1e-3, 1e-6)


def random_params(rng: random.Random, index: int) -> dict:
    n_lead = rng.choice((1, 1, 2))
    n_norm = rng.choice((1, 1, 2))
    sizes = caselib.distinct_sizes(rng, n_lead + n_norm, 2, 9)
    lead, norm = sizes[:n_lead], sizes[n_lead:]
    if len(norm) == 1 and norm[0] < 3:
        norm = [norm[0] + 5]  # at least 3 values per row, so the unbiased factor shows clearly
    affine = rng.random() < 0.8
    return {
        "lead": lead,
        "norm": norm,
        "as_int": len(norm) == 1 and rng.random() < 0.5,
        "eps": rng.choice(EPSES),
        "affine": affine,
        "bias": rng.random() < 0.75,
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[(index // 2) % len(LAYOUTS)],
        # No "dtype": the engine cycles through the spec's dtypes, float32 / float64 on
        # even / odd indices on a CPU run as before, and float16 / bfloat16 on every
        # 4k + 2 / 4k + 3 index on CUDA (and in dev check).
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    lead = [int(s) for s in params["lead"]]
    norm = [int(s) for s in params["norm"]]
    rows = 1
    for s in lead:
        rows *= s
    d = 1
    for s in norm:
        d *= s
    # Each row (the values normalized together) is standardized exactly in float64 and then
    # given its own mean and std: raw draws with few values per row sometimes have a tiny std
    # by chance, which would make even a correct float32 answer miss the float64 reference.
    z = caselib.standardized((rows, d), gen, 1)
    mean = float(params.get("shift", 0.0)) + caselib.randn(
        (rows, 1), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0)))
    std = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((rows, 1), gen, f64, "cpu"))
    for r in range(min(int(params.get("tiny_rows", 0)), rows)):
        std[r] = float(params["tiny_std"])
    half = dtype in (torch.float16, torch.bfloat16)
    if half:
        # Half cases only: the mean is rounded to the dtype before it is subtracted, an
        # error of ~eps·|mean| that the division by std magnifies; keeping |mean| within
        # ~2 std (rather than up to ~10 std) keeps a correct half LayerNorm near eps.
        mean = mean * (std / 2)
    x = (z * std + mean).reshape(lead + norm)
    # The upstream gradient of each row is scaled by that row's std, so grad_input (which
    # scales like weight · upstream / std) stays of order one.
    g = (caselib.randn((rows, d), gen, f64, "cpu") * std).reshape(lead + norm)
    if half:
        # grad_weight / grad_bias sum one O(std) term per row; in half each term is rounded
        # on its own, so their error grows like sqrt(rows) while a sum may come out near 0.
        # Scaled by min(1, 1/std)/sqrt(rows), those sums are O(1) (and grad_input at most
        # O(1)), so one atol fits every output.
        g = (g.reshape(rows, d) / (std.clamp(min=1.0) * rows ** 0.5)).reshape(lead + norm)
    affine = bool(params.get("affine", True))
    use_bias = bool(params.get("bias", True))
    shape = norm[0] if params.get("as_int") and len(norm) == 1 else tuple(norm)
    return {
        "args": [],
        "kwargs": {},
        "x": caselib.layout(x.to(dtype=dtype, device=device), params.get("layout", "contiguous"), gen),
        "normalized_shape": shape,
        "eps": float(params.get("eps", 1e-5)),
        "elementwise_affine": affine,
        "bias": use_bias,
        # Away from the identity so that a forgotten weight or bias shows.
        "weight_value": caselib.randn(norm, gen, dtype, device, scale=0.5, shift=1.0),
        "bias_value": caselib.randn(norm, gen, dtype, device, scale=0.5),
        "upstream": g.to(dtype=dtype, device=device),
    }


def call(entry, inputs: dict, ctx):
    m = ctx.call(entry, inputs["normalized_shape"], eps=inputs["eps"],
                 elementwise_affine=inputs["elementwise_affine"], bias=inputs["bias"])
    return caselib.module_forward_backward(m, inputs, ctx)


def reference_entry():
    return torch.nn.LayerNorm


# ---------------------------------------------------------------------------------------
# Known mistakes. One class with switches; each suspect turns exactly one switch on.


class _WrongLayerNorm(nn.Module):
    unbiased = False
    over_batch = False
    eps_outside_sqrt = False
    last_dim_only = False
    one_pass = False

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True):
        super().__init__()
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        if self.last_dim_only and len(shape) < 2:
            raise ValueError("only differs from LayerNorm for a normalized_shape of two or more dims")
        self.shape, self.eps = shape, eps
        self.weight = nn.Parameter(torch.ones(shape)) if elementwise_affine else None
        self.bias = nn.Parameter(torch.zeros(shape)) if elementwise_affine and bias else None

    def forward(self, x):
        if self.over_batch:
            dims = (0,)
        elif self.last_dim_only:
            dims = (-1,)
        else:
            dims = tuple(range(-len(self.shape), 0))
        mean = x.mean(dim=dims, keepdim=True)
        if self.one_pass:
            var = (x * x).mean(dim=dims, keepdim=True) - mean * mean
        else:
            var = x.var(dim=dims, keepdim=True, unbiased=self.unbiased)
        if self.eps_outside_sqrt:
            y = (x - mean) / (var.sqrt() + self.eps)
        else:
            y = (x - mean) / torch.sqrt(var + self.eps)
        if self.weight is not None:
            y = y * self.weight
        if self.bias is not None:
            y = y + self.bias
        return y


def _suspect(**switches):
    return type("WrongLayerNorm", (_WrongLayerNorm,), switches)


SUSPECTS = [
    ("you normalized with the unbiased variance (÷ (D − 1), the default of Tensor.var); "
     "LayerNorm uses the biased one (÷ D): x.var(dims, unbiased=False) or ((x − mean)²).mean(dims)",
     _suspect(unbiased=True)),
    ("the statistics were taken over the batch dim (dim 0), as BatchNorm does; LayerNorm "
     "normalizes each sample on its own over the trailing normalized_shape dims",
     _suspect(over_batch=True)),
    ("eps belongs inside the square root: (x − mean) / sqrt(var + eps), not / (sqrt(var) + eps)",
     _suspect(eps_outside_sqrt=True)),
    ("only the last dim was normalized; with normalized_shape of k dims the statistics are over "
     "the last k dims together (dims -k … -1)",
     _suspect(last_dim_only=True)),
    ("the one-pass variance E[x²] − E[x]² cancels catastrophically when the mean is large "
     "compared to the spread; subtract the mean first, then square (two passes)",
     _suspect(one_pass=True)),
]


# ---------------------------------------------------------------------------------------
# bench


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """x of shape (N, D) and non-trivial affine parameters for LayerNorm(D)."""
    N, D = int(size["N"]), int(size["D"])
    return {"x": caselib.randn([N, D], gen, dtype, device, scale=2.0, shift=0.5),
            "weight": caselib.randn([D], gen, dtype, device, scale=0.5, shift=1.0),
            "bias": caselib.randn([D], gen, dtype, device, scale=0.5)}


def bench_prepare(entry, inputs: dict):
    """Build the module once (outside the timing), inference only: (module, [x], {})."""
    x = inputs["x"]
    m = entry(x.shape[-1]).to(device=x.device, dtype=x.dtype)
    with torch.no_grad():
        m.weight.copy_(inputs["weight"])
        m.bias.copy_(inputs["bias"])
    m.requires_grad_(False)
    return m, [x], {}
