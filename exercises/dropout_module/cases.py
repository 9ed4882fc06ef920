"""Hidden tests for dropout_module.

Dropout is random, so the learner's mask can never equal the reference's. Every case
therefore records what must hold for ANY correct mask, and each check is phrased so that
its result is the same for every correct module:

- the kept fraction lies within 6 binomial sigmas of 1 − p (a correct module fails this
  about once in 10⁹ runs; the global RNG is seeded per case, so a run is reproducible);
- every kept element is x / (1 − p) and every dropped one is exactly 0;
- the gradient is g / (1 − p) where kept and 0 where dropped;
- two forward calls draw different masks; eval mode returns x unchanged;
- p = 0 and p = 1 are exact (identity and zeros), and p outside [0, 1] raises ValueError.
The reference is torch.nn.Dropout itself.
"""

import math
import random

import torch

from dlquiz import caselib

PS = (0.1, 0.2, 0.25, 0.3, 0.4, 0.6, 0.7, 0.75, 0.9)


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice([2, 3, 4])
    lo, hi = {2: (64, 200), 3: (12, 40), 4: (6, 16)}[rank]
    while True:  # at least 4096 elements, so the 6σ band on the kept fraction is narrow
        shape = caselib.distinct_sizes(rng, rank, lo, hi)
        if math.prod(shape) >= 4096:
            break
    return {"shape": shape, "p": rng.choice(PS),
            "layout": rng.choice(["contiguous", "contiguous", "transposed", "sliced"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    if params.get("mode") == "validation":
        return {"mode": "validation", "bad_ps": list(params["bad_ps"])}
    shape = list(params["shape"])
    # Values bounded away from 0, so a kept element is never mistaken for a dropped one.
    mag = caselib.rand(shape, gen, torch.float64, "cpu", lo=0.1, hi=2.0)
    sign = torch.where(torch.rand(tuple(shape), generator=gen, dtype=torch.float64) < 0.5, -1.0, 1.0)
    x = (mag * sign).to(dtype=dtype, device=device)
    grad = caselib.randn(shape, gen, dtype, device)
    x = caselib.layout(x, params.get("layout", "contiguous"))
    return {"p": params.get("p"), "x": x, "upstream": grad,
            "seed": int(torch.randint(0, 2**31 - 1, (1,), generator=gen))}


def _validation(entry, inputs, ctx):
    out = {}
    for bad in inputs["bad_ps"]:
        try:
            ctx.call(entry, bad)
            out[f"Dropout(p={bad})"] = "no error: p outside [0, 1] must raise ValueError"
        except ValueError:
            out[f"Dropout(p={bad})"] = "ValueError"
    return out


def _scale_text(x, y, p):
    kept = y != 0
    if not bool(kept.any()):
        return "nothing was kept"
    ratio = (y[kept] / x[kept]).double()
    want = 1.0 / (1.0 - p)
    med = float(ratio.median())
    if bool(((ratio - want).abs() <= 1e-5 * want).all()):
        return "kept elements × 1/(1 − p)"
    if not bool(((ratio - med).abs() <= 1e-5 * abs(med) + 1e-12).all()):
        return "the kept elements are not all scaled by the same factor"
    text = f"kept elements × {med:.6g}; inverted dropout multiplies them by 1/(1 − p) = {want:.6g}"
    if abs(med - 1.0) < 1e-5:
        text += " (no rescaling at all: divide by 1 − p in training so the expected value stays x)"
    elif abs(med - (1.0 - p)) < 1e-5:
        text += " (that is × (1 − p), the notes' formula: inverted dropout DIVIDES by 1 − p)"
    elif abs(med - 1.0 / p) < 1e-5 * med:
        text += " (divided by p instead of 1 − p)"
    return text


def _fraction_text(y, p):
    n = y.numel()
    kept = int((y != 0).sum())
    sigma = math.sqrt(n * p * (1.0 - p))
    if abs(kept - n * (1.0 - p)) <= 6.0 * sigma:
        return "1 − p of the elements kept (within 6σ)"
    frac = kept / n
    text = (f"{frac:.4f} of the elements kept; expected 1 − p = {1 - p:.4f} "
            f"± {6.0 * sigma / n:.4f} (6σ)")
    if abs(kept - n * p) <= 6.0 * sigma:
        text += " — p is the probability to DROP an element, not to keep it"
    elif kept == n:
        text += " — nothing was dropped in training mode"
    return text


def _eval_text(x, y):
    if not isinstance(y, torch.Tensor):
        return f"returned {type(y).__name__}"
    if y.shape != x.shape:
        return f"shape {tuple(y.shape)} instead of {tuple(x.shape)}"
    if torch.equal(y.detach().to(x.dtype), x):
        return "x unchanged"
    zeros = int((y == 0).sum())
    if zeros:
        return (f"{zeros} of {y.numel()} elements zeroed in eval mode: after .eval() dropout "
                f"must do nothing (check self.training)")
    ratio = (y.detach().double() / x.double()).median()
    return (f"x × {float(ratio):.6g} in eval mode: inverted dropout already rescaled in "
            f"training, so eval returns x as it is")


def call(entry, inputs: dict, ctx):
    if inputs.get("mode") == "validation":
        return _validation(entry, inputs, ctx)

    def own(t):
        return t.to(device=ctx.device, dtype=ctx.dtype)

    p = inputs["p"]
    torch.manual_seed(inputs["seed"])
    m = ctx.call(entry) if p is None else ctx.call(entry, p)
    p = 0.5 if p is None else p
    names = [name for name, _ in m.named_parameters()]
    out = {"parameters": ", ".join(names) if names else "none",
           "training by default": bool(m.training)}

    x0 = own(inputs["x"])
    g = own(inputs["upstream"])
    x = x0.detach().requires_grad_(True)
    y = ctx.call(m, x)
    if isinstance(y, torch.Tensor) and not y.requires_grad and p == 1.0:
        # A constant torch.zeros_like(x) for p = 1 is fine: nothing can flow back anyway.
        gx = torch.zeros_like(x0)
    else:
        y.backward(g)
        gx = x.grad
    yd = y.detach()
    if p in (0.0, 1.0):
        # Exact: p = 0 is the identity, p = 1 zeros everything (and its gradient).
        out["train.output"] = yd
        out["train.grad_input"] = gx if gx is not None else "None (no gradient reached x)"
    else:
        dropped = yd == 0
        out["train.kept_fraction"] = _fraction_text(yd, p)
        out["train.scale"] = _scale_text(x0, yd, p)
        # With a correct module both tensors below are x/(1−p) and g/(1−p) everywhere: the
        # dropped positions are filled with what a kept element would hold (plus whatever
        # gradient reached them, which must be 0).
        out["train.output (dropped → x/(1−p))"] = torch.where(
            dropped, x0 / (1 - p), yd)
        key = "train.grad_input (dropped → g/(1−p) + their grad)"
        if gx is None:
            out[key] = "None (no gradient reached x)"
        else:
            out[key] = torch.where(dropped, g / (1 - p) + gx, gx)
        y2 = ctx.call(m, x0).detach()
        out["train.fresh mask each call"] = bool(not torch.equal(y2 == 0, dropped))
    m.eval()
    ye = ctx.call(m, x0)
    out["eval.output"] = _eval_text(x0, ye)
    out["eval.values"] = ye.detach() if isinstance(ye, torch.Tensor) else f"not a tensor: {type(ye).__name__}"
    return out


def reference_entry():
    return torch.nn.Dropout
