"""Hidden tests for rmsnorm_module.

One case: construct the learner's RMSNorm with the case's constructor arguments, check its
parameters (names, shapes) and state_dict keys, give weight non-trivial values, run one
forward on x (a leaf) and one backward with a random upstream gradient, and compare output,
grad of x and grad of weight with torch.nn.RMSNorm in float64.

eps=None means torch.finfo(x.dtype).eps of the *input's* dtype (1.19e-7 for float32,
2.2e-16 for float64). The reference runs in float64, so for eps=None it is given the eps
of the case's dtype explicitly: that is what nn.RMSNorm does on a float32 input.

params:
  lead, norm:   leading sizes and normalized trailing sizes
  as_int:       pass normalized_shape as an int (only when len(norm) == 1)
  eps:          a number, or null for None (the default)
  affine:       elementwise_affine (default True)
  shift, loc_spread, scale: per-row mean = shift + loc_spread·N(0, 1), std = scale·e^{0.2·N(0,1)}
  layout:       memory layout of x (caselib.layout)
"""

import random

import torch
from torch import nn

from dlquiz import caselib

LAYOUTS = ("contiguous", "transposed", "sliced")
EPSES = (None, None, 1e-5, 1e-6, 1e-3)


def random_params(rng: random.Random, index: int) -> dict:
    n_lead = rng.choice((1, 1, 2))
    n_norm = rng.choice((1, 1, 2))
    sizes = caselib.distinct_sizes(rng, n_lead + n_norm, 2, 9)
    lead, norm = sizes[:n_lead], sizes[n_lead:]
    if len(norm) == 1 and norm[0] < 3:
        norm = [norm[0] + 5]
    return {
        "lead": lead,
        "norm": norm,
        "as_int": len(norm) == 1 and rng.random() < 0.5,
        "eps": rng.choice(EPSES),
        "affine": rng.random() < 0.8,
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
    z = caselib.standardized((rows, d), gen, 1)
    scale = float(params.get("scale", 1.0))
    mean = scale * (float(params.get("shift", 0.0)) + caselib.randn(
        (rows, 1), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0))))
    std = scale * torch.exp(0.2 * caselib.randn((rows, 1), gen, f64, "cpu"))
    x = z * std + mean
    rms = x.pow(2).mean(dim=1, keepdim=True).sqrt()
    # Upstream scaled by each row's RMS keeps grad_input (~ weight · upstream / rms) of order one.
    g = caselib.randn((rows, d), gen, f64, "cpu") * rms
    if dtype in (torch.float16, torch.bfloat16):
        # grad_weight sums one O(rms) term per row; in half each term is rounded on its own,
        # so its error grows like sqrt(rows) while the sum may come out near 0. Scaled by
        # min(1, 1/rms)/sqrt(rows), that sum is O(1) (and grad_input at most O(1)), so one
        # atol fits every output (half cases only).
        g = g / (rms.clamp(min=1.0) * rows ** 0.5)
    affine = bool(params.get("affine", True))
    shape = norm[0] if params.get("as_int") and len(norm) == 1 else tuple(norm)
    eps = params.get("eps")
    return {
        "args": [],
        "kwargs": {},
        "x": caselib.layout(x.reshape(lead + norm).to(dtype=dtype, device=device),
                            params.get("layout", "contiguous"), gen),
        "normalized_shape": shape,
        "eps": None if eps is None else float(eps),
        "elementwise_affine": affine,
        "input_dtype": str(dtype).replace("torch.", ""),
        "weight_value": caselib.randn(norm, gen, dtype, device, scale=0.5, shift=1.0),
        "upstream": g.reshape(lead + norm).to(dtype=dtype, device=device),
    }


def call(entry, inputs: dict, ctx):
    m = ctx.call(entry, inputs["normalized_shape"], eps=inputs["eps"],
                 elementwise_affine=inputs["elementwise_affine"])
    if ctx.is_reference and inputs["eps"] is None:
        # The float64 reference stands in for a module run on the case's dtype: eps=None
        # means that dtype's machine epsilon, not float64's.
        m.eps = torch.finfo(getattr(torch, inputs["input_dtype"])).eps
    if ctx.is_reference:
        m._dlquiz_case_dtype = inputs["input_dtype"]  # read by the suspects below
    return caselib.module_forward_backward(m, inputs, ctx, names=("weight",))


def reference_entry():
    return torch.nn.RMSNorm


# ---------------------------------------------------------------------------------------
# Known mistakes. One class with switches; each suspect turns exactly one switch on.
# call() sets `m.eps` on these too (they run as references do); the fixed-eps suspect
# ignores it on purpose.


class _WrongRMSNorm(nn.Module):
    subtract_mean = False
    eps_outside_sqrt = False
    l2_norm = False
    fixed_eps = None          # a number: eps=None replaced by this constant
    fixed_eps_not_for = None  # the case dtype where that constant happens to be right

    def __init__(self, normalized_shape, eps=None, elementwise_affine=True):
        super().__init__()
        if self.fixed_eps is not None and eps is not None:
            raise ValueError("only differs when eps is None")
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        self.shape = shape
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(shape)) if elementwise_affine else None

    def forward(self, x):
        dims = tuple(range(-len(self.shape), 0))
        if self.fixed_eps is not None:
            if getattr(self, "_dlquiz_case_dtype", None) == self.fixed_eps_not_for:
                raise ValueError("equals the right answer for this dtype")
            eps = self.fixed_eps
        else:
            eps = self.eps if self.eps is not None else torch.finfo(x.dtype).eps
        if self.subtract_mean:
            x = x - x.mean(dim=dims, keepdim=True)
        ms = (x * x).sum(dim=dims, keepdim=True) if self.l2_norm else (x * x).mean(dim=dims, keepdim=True)
        den = ms.sqrt() + eps if self.eps_outside_sqrt else torch.sqrt(ms + eps)
        y = x / den
        return y * self.weight if self.weight is not None else y


def _suspect(**switches):
    return type("WrongRMSNorm", (_WrongRMSNorm,), switches)


SUSPECTS = [
    ("the mean was subtracted: that is LayerNorm without a bias; RMSNorm only rescales, "
     "x / sqrt(mean(x²) + eps), with no centering",
     _suspect(subtract_mean=True)),
    ("eps belongs inside the square root: x / sqrt(mean(x²) + eps), not / (sqrt(mean(x²)) + eps)",
     _suspect(eps_outside_sqrt=True)),
    ("you divided by the L2 norm sqrt(Σx²); RMSNorm divides by the root *mean* square "
     "sqrt(Σx² / D), so your output is √D times too small",
     _suspect(l2_norm=True)),
    ("eps=None was replaced by a fixed 1e-5; PyTorch's RMSNorm then uses "
     "torch.finfo(x.dtype).eps (1.19e-7 for float32, 2.2e-16 for float64)",
     _suspect(fixed_eps=1e-5)),
    ("eps=None was resolved to float32's epsilon (1.19e-7) whatever the input's dtype (in "
     "__init__, or from the default dtype); resolve it in forward with torch.finfo(x.dtype).eps",
     _suspect(fixed_eps=torch.finfo(torch.float32).eps, fixed_eps_not_for="float32")),
]


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """x of shape (N, D) and a non-trivial weight for RMSNorm(D)."""
    n, d = int(size["N"]), int(size["D"])
    return {"x": caselib.randn([n, d], gen, dtype, device, scale=2.0, shift=0.5),
            "weight": caselib.randn([d], gen, dtype, device, scale=0.5, shift=1.0)}


def bench_prepare(entry, inputs: dict):
    """Build the module once (outside the timing), inference only: (module, [x], {})."""
    x = inputs["x"]
    m = entry(x.shape[-1]).to(device=x.device, dtype=x.dtype)
    with torch.no_grad():
        m.weight.copy_(inputs["weight"])
    m.requires_grad_(False)
    return m, [x], {}
