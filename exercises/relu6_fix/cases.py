"""Hidden cases for relu6_fix.

Each case checks the forward values (boundaries included) and the gradient of
Σ w·relu6(x) for random weights w. At exactly x = 0 and x = 6 correct answers disagree on
the gradient (F.relu6 gives 0, clamp gives 1, min/max gives 0.5), so the gradient is
compared everywhere except at those points.
"""

import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "contiguous", "transposed", "sliced")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 4)
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "layout": rng.choice(LAYOUTS),
        "scale": rng.choice([2.0, 4.0, 6.0]),
        "shift": rng.choice([0.0, 3.0]),
        "boundaries": rng.random() < 0.5,
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    x = caselib.randn(shape, gen, torch.float64, "cpu", scale=params.get("scale", 4.0),
                      shift=params.get("shift", 0.0))
    flat = x.view(-1)
    if params.get("special"):
        vals = torch.tensor(params["special"], dtype=torch.float64)
        flat[: vals.numel()] = vals
    elif params.get("boundaries") and flat.numel() >= 4:
        flat[:2] = torch.tensor([0.0, 6.0], dtype=torch.float64)
    x = x.to(dtype=dtype, device=device)
    w = caselib.randn(shape, gen, dtype, device, shift=0.5)
    if params.get("layout", "contiguous") != "contiguous":
        x = caselib.layout(x, params["layout"])
    return {"args": [x], "kwargs": {}, "weights": w}


def _grad_or_note(y, x, w):
    if not isinstance(y, torch.Tensor):
        return None, f"not a tensor: {type(y).__name__}"
    if not y.requires_grad:
        return None, "no gradient: the result is not connected to x (detached, NumPy or .data?)"
    (y * w).sum().backward()
    if x.grad is None:
        return None, "no gradient reached x"
    return x.grad, None


def call(entry, inputs: dict, ctx):
    x = inputs["args"][0]
    w = inputs["weights"].to(dtype=ctx.dtype, device=ctx.device)
    # 1) the forward on the caller's tensor (in-place changes to it are caught here)
    out = ctx.call(entry, x)
    # 2) the gradient, on a fresh leaf that requires grad (non-contiguous again when x is)
    xg = x.detach().clone() if x.is_contiguous() else caselib.layout(x.detach(), "sliced")
    xg.requires_grad_(True)
    with torch.enable_grad():
        y = ctx.call(entry, xg)
        grad, note = _grad_or_note(y, xg, w)
    result = {"output": out.detach() if isinstance(out, torch.Tensor) else out}
    if note is not None:
        result["grad"] = note
        return result
    # F.relu6's own gradient is 0 at the boundaries, so zeroing them changes nothing for the
    # reference; it only frees the learner (and the suspects) from a convention there.
    boundary = (x.detach() == 0) | (x.detach() == 6)
    result["grad"] = torch.where(boundary, torch.zeros_like(grad), grad.detach())
    return result


def reference_entry():
    # F.relu6 itself; its gradient at exactly 0 and 6 is 0, and call() zeroes every gradient
    # there, where the right convention is a matter of taste.
    return torch.nn.functional.relu6


SUSPECTS = [
    ("negative inputs give 6: ReLU6 sends x < 0 to 0, caps x > 6 at 6, i.e. min(max(0, x), 6)",
     lambda x: torch.where(x < 0, torch.full_like(x, 6.0), torch.clamp(x, max=6.0))),
    ("that is plain ReLU: the cap at 6 is missing, ReLU6 is min(max(0, x), 6)",
     lambda x: torch.clamp(x, min=0.0)),
    ("the lower end is −6: you clamped to [−6, 6]; ReLU6 clamps to [0, 6]",
     lambda x: torch.clamp(x, -6.0, 6.0)),
    ("only the cap at 6 is applied: negative inputs must become 0",
     lambda x: torch.clamp(x, max=6.0)),
    ("no gradient reaches x: the values are right but the result is cut from the autograd "
     "graph (NumPy, .detach(), .data, or a new tensor built from Python numbers); use torch ops "
     "on x itself",
     lambda x: torch.clamp(x, 0.0, 6.0).detach()),
]
