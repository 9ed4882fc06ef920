"""Hidden cases for clip_grad_norm.

call() builds fresh leaf tensors with .grad set (some None), hands them to the entry as a
list or as a one-shot generator, and returns the total norm plus every gradient afterwards.
The truth is torch.nn.utils.clip_grad_norm_ itself, computed in float64 (the forbid list
refuses it only when called from the learner's file).
"""

import math
import random

import torch
import torch.nn.utils

from dlquiz import caselib

NORM_TYPES = (2.0, 2.0, 1.0, "inf")


class _Tensors(dict):
    """Tensors (or None) by position, described in one short line in a verdict."""

    def __repr__(self):
        def one(t):
            return "None" if t is None else "(" + ", ".join(str(s) for s in t.shape) + (",)" if t.dim() == 1 else ")")
        first = next((t for t in self.values() if t is not None), None)
        dt = "" if first is None else " " + str(first.dtype).replace("torch.", "")
        return "[" + ", ".join(one(t) for t in self.values()) + "]" + dt


def random_params(rng: random.Random, index: int) -> dict:
    count = rng.randint(1, 4)
    shapes = [caselib.distinct_sizes(rng, rng.randint(1, 2), 2, 6) for _ in range(count)]
    return {
        "shapes": shapes,
        "none": [rng.random() < 0.2 for _ in range(count)],
        "norm_type": rng.choice(NORM_TYPES),
        # max_norm as a multiple of the true total norm, never near 1 (where float32 and
        # float64 could disagree on whether to clip).
        "ratio": rng.choice((0.3, 0.5, 0.7, 1.5, 3.0)),
        "scale": rng.choice((0.1, 1.0, 10.0)),
        "generator": rng.random() < 0.25,
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def _norm_type(value) -> float:
    return math.inf if value in ("inf", math.inf) else float(value)


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    shapes = [[int(s) for s in shape] for shape in params["shapes"]]
    none = list(params.get("none") or [False] * len(shapes))
    if all(none):
        none[0] = False
    scale = float(params.get("scale", 1.0))
    values = [caselib.randn(s, gen, f64, "cpu") for s in shapes]
    grads = [None if skip else caselib.randn(s, gen, f64, "cpu", scale=scale) for s, skip in zip(shapes, none)]
    norm_type = _norm_type(params.get("norm_type", 2.0))
    present = [g for g in grads if g is not None]
    total = float(torch.linalg.vector_norm(torch.cat([g.reshape(-1) for g in present]), norm_type))
    max_norm = float(params["max_norm"]) if params.get("max_norm") is not None else total * float(params["ratio"])

    def own(t):
        return None if t is None else t.to(dtype=dtype, device=device)

    return {
        "args": [], "kwargs": {},
        "values": _Tensors(enumerate(own(v) for v in values)),
        "grads": _Tensors(enumerate(own(g) for g in grads)),
        "max_norm": max_norm, "norm_type": norm_type, "as_generator": bool(params.get("generator", False)),
    }


def call(entry, inputs: dict, ctx):
    params = []
    for i in range(len(inputs["values"])):
        v, g = inputs["values"][i], inputs["grads"][i]
        p = v.to(dtype=ctx.dtype, device=ctx.device).clone().requires_grad_(True)
        if g is not None:
            p.grad = g.to(dtype=ctx.dtype, device=ctx.device).clone()
        params.append(p)
    given = (p for p in params) if inputs["as_generator"] else list(params)
    kwargs = {} if inputs["norm_type"] == 2.0 else {"norm_type": inputs["norm_type"]}
    total = ctx.call(entry, given, inputs["max_norm"], **kwargs)
    out = {"total_norm": total.detach().clone() if isinstance(total, torch.Tensor) else total}
    for i, p in enumerate(params):
        out[f"params[{i}].grad"] = "None (no gradient)" if p.grad is None else p.grad.detach().clone()
    return out


def reference_entry():
    return lambda parameters, max_norm, norm_type=2.0: torch.nn.utils.clip_grad_norm_(
        parameters, max_norm, norm_type)


# ---------------------------------------------------------------------------------------
# Known mistakes: one function with switches, each suspect turns exactly one on.


def _wrong(parameters, max_norm, norm_type=2.0, *, per_param=False, always=False, no_eps=False,
           clipped_norm=False, two_passes=False, ignore_norm_type=False):
    if two_passes:
        if isinstance(parameters, list):
            raise ValueError("a list can be iterated twice: this mistake does not show")
    else:
        parameters = list(parameters)
    nt = 2.0 if ignore_norm_type else float(norm_type)
    if ignore_norm_type and float(norm_type) == 2.0:
        raise ValueError("equals the right answer for the 2-norm")
    grads = [p.grad for p in parameters if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, nt) for g in grads]), nt)
    # A suspect that would equal the right answer on this case declines (raises).
    clips = float(max_norm / (total + 1e-6)) < 1.0
    if (always and clips) or (clipped_norm and not clips) or (per_param and len(grads) == 1):
        raise ValueError("this mistake does not show on this case")
    if per_param:
        for g in grads:
            n = torch.linalg.vector_norm(g, nt)
            g.mul_(torch.clamp(max_norm / (n + 1e-6), max=1.0))
        return total
    coef = max_norm / (total if no_eps else total + 1e-6)
    if not always:
        coef = torch.clamp(coef, max=1.0)
    for p in parameters:                 # a generator is empty here on the second pass
        if p.grad is not None:
            p.grad.mul_(coef)
    if clipped_norm:
        return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, nt) for g in grads]), nt)
    return total


def _suspect(**switches):
    return lambda parameters, max_norm, norm_type=2.0: _wrong(parameters, max_norm, norm_type, **switches)


SUSPECTS = [
    ("each parameter was clipped by its own norm; clip_grad_norm_ takes ONE total norm over all "
     "gradients (as if concatenated) and scales every gradient by the same factor",
     _suspect(per_param=True)),
    ("the gradients were scaled even though the total norm is below max_norm: the factor "
     "max_norm / (total + 1e-6) is clamped at 1, so small gradients are never scaled up",
     _suspect(always=True)),
    ("the 1e-6 is missing: PyTorch scales by max_norm / (total_norm + 1e-6)",
     _suspect(no_eps=True)),
    ("the returned norm is the one after clipping; clip_grad_norm_ returns the total norm of the "
     "gradients as they were before clipping",
     _suspect(clipped_norm=True)),
    ("parameters was a generator and it was iterated twice: the second loop saw nothing, so "
     "no gradient was scaled; turn it into a list first",
     _suspect(two_passes=True)),
    ("norm_type was ignored (a 2-norm was used); for norm_type=inf the total norm is the "
     "largest |g| over all gradients, for p it is (Σ |g|^p)^(1/p)",
     _suspect(ignore_norm_type=True)),
]
