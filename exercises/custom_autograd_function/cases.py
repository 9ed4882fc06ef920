"""Hidden cases for custom_autograd_function.

Each case calls Softplus.apply(x, beta) on a leaf tensor, back-propagates a random
upstream gradient with torch.autograd's own calls trapped (so the learner's backward cannot
lean on autograd), and runs torch.autograd.gradcheck on a small float64 copy. Expected
values come from torch.nn.functional.softplus(x, beta) and autograd.
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib
from dlquiz.guards import LearnerFault

BETAS = (1.0, 1.0, 0.5, 2.0, 3.0)


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.randint(1, 3)
    return {"shape": caselib.distinct_sizes(rng, rank, 2, 9), "beta": rng.choice(BETAS),
            "scale": rng.choice([1.0, 3.0, 10.0]),
            "layout": rng.choice(["contiguous", "contiguous", "transposed", "sliced"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    x = caselib.randn(shape, gen, dtype, device, scale=float(params.get("scale", 1.0)))
    if params.get("extremes"):
        # Plant the large magnitudes where naive formulas overflow or underflow.
        flat = x.view(-1)
        vals = torch.tensor(params["extremes"], dtype=torch.float64).to(dtype=dtype, device=device)
        flat[: len(vals)] = vals
    g = caselib.randn(shape, gen, dtype, device)
    x = caselib.layout(x, params.get("layout", "contiguous"))
    # x is passed by call(), not through "args", so that the verdict can name it.
    return {"args": [], "kwargs": {}, "x": x, "beta": float(params.get("beta", 1.0)), "upstream": g}


class _Trap:
    """While active, autograd entry points raise: the learner's backward runs in here."""

    def __init__(self):
        self.saved = (torch.autograd.grad, torch.autograd.backward, torch.Tensor.backward)

    def _fault(self, *args, **kwargs):
        raise LearnerFault("forbidden", "Softplus.backward calls autograd (torch.autograd.grad or "
                                        ".backward()); write the derivative yourself")

    def __enter__(self):
        torch.autograd.grad = self._fault
        torch.autograd.backward = self._fault
        torch.Tensor.backward = self._fault
        return self

    def __exit__(self, *exc):
        torch.autograd.grad, torch.autograd.backward, torch.Tensor.backward = self.saved
        return False


def _gradcheck(apply, x64: torch.Tensor, beta: float) -> str:
    try:
        ok = torch.autograd.gradcheck(lambda t: apply(t, beta), (x64,), raise_exception=True)
        return "passed" if ok else "failed"
    except LearnerFault:
        raise
    except Exception as exc:  # noqa: BLE001 - the message is the result
        return f"failed: {type(exc).__name__}: {str(exc).strip().splitlines()[0][:200]}"


def call(entry, inputs: dict, ctx):
    apply = getattr(entry, "apply", None)
    if apply is None:
        return {"Softplus is a torch.autograd.Function subclass": False}
    # A plain class whose apply() uses differentiable torch ops would let autograd write
    # the backward; the exercise is to write it, so Softplus must be a Function.
    is_function = entry is _TorchSoftplus or (
        isinstance(entry, type) and issubclass(entry, torch.autograd.Function))
    result = {"Softplus is a torch.autograd.Function subclass": is_function}
    beta = inputs["beta"]
    x = inputs["x"].to(ctx.dtype).detach().requires_grad_(True)
    out = ctx.call(apply, x, beta)
    if not isinstance(out, torch.Tensor):
        result["output"] = out
        return result
    result["output"] = out.detach().clone()
    result["output.requires_grad"] = bool(out.requires_grad)
    if not out.requires_grad:  # nothing to back-propagate through
        return result
    backward = torch.autograd.backward
    with _Trap():
        backward(out, inputs["upstream"].to(ctx.dtype))
    result["grad x"] = "None (no gradient reached x)" if x.grad is None else x.grad.detach().clone()
    # gradcheck needs float64; a few well-scaled elements are enough (and keep it fast).
    small = inputs["x"].detach().reshape(-1)[:8].to(torch.float64).clamp(-5, 5)
    result["gradcheck in float64"] = _gradcheck(apply, small.clone().requires_grad_(True), beta)
    return result


class _TorchSoftplus:
    @staticmethod
    def apply(x, beta=1.0):
        return F.softplus(x, beta)


def reference_entry():
    return _TorchSoftplus


def _suspect(fwd, bwd):
    class Wrong(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, beta=1.0):
            y = fwd(x, beta)
            ctx.save_for_backward(x, y)
            ctx.beta = beta
            return y

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return bwd(g, x, y, ctx.beta), None
    return Wrong


def _stable(x, beta):
    z = beta * x
    return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / beta


def _no_beta_check(g, x, y, beta):
    if beta == 1.0:
        raise ValueError("with beta = 1 this mistake is invisible")
    return g * torch.sigmoid(x)


SUSPECTS = [
    ("backward uses sigmoid(x); the derivative is sigmoid(beta·x) (the 1/beta of the forward "
     "and the beta of the chain rule cancel, but beta stays inside the sigmoid)",
     _suspect(_stable, _no_beta_check)),
    ("backward multiplies by beta: d/dx log(1 + e^{βx})/β = sigmoid(βx), the factor β from "
     "the chain rule cancels the 1/β",
     _suspect(_stable, lambda g, x, y, b: g * b * torch.sigmoid(b * x))),
    ("backward applies the sigmoid to the saved output y; the derivative is sigmoid(β·x) of "
     "the input, or 1 − exp(−β·y) in terms of the output",
     _suspect(_stable, lambda g, x, y, b: g * torch.sigmoid(b * y))),
    ("the forward forgot to divide by beta: softplus with beta is log(1 + e^{βx}) / β",
     _suspect(lambda x, b: _stable(x, b) * b, lambda g, x, y, b: g * b * torch.sigmoid(b * x))),
]
