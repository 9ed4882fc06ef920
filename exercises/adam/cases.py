"""Hidden cases for adam.

Each case builds a few leaf parameters, constructs the optimizer (one or two param groups),
then for every step sets p.grad to a given tensor (or None), calls step(), and records each
parameter and its state (step, exp_avg, exp_avg_sq). The expected values come from
torch.optim.Adam driven the same way in float64.
"""

import random

import torch
from torch.optim import Optimizer

from dlquiz import caselib
from dlquiz.guards import LearnerFault

NAME = "Adam"


def random_params(rng: random.Random, index: int) -> dict:
    n = rng.randint(1, 3)
    shapes = [caselib.distinct_sizes(rng, rng.randint(1, 2), 2, 7) for _ in range(n)]
    opts = {"lr": rng.choice([1e-3, 1e-2, 0.1]),
            "betas": rng.choice([[0.9, 0.999], [0.9, 0.999], [0.8, 0.99], [0.5, 0.9]]),
            "eps": rng.choice([1e-8, 1e-8, 1e-3]),
            "weight_decay": rng.choice([0.0, 0.0, 0.01, 0.1])}
    return {"shapes": shapes, "opts": opts, "steps": rng.randint(2, 6),
            "gscale": rng.choice([1.0, 1.0, 0.01]),
            "layout": rng.choice(["contiguous", "contiguous", "transposed"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shapes = [list(s) for s in params["shapes"]]
    layout = params.get("layout", "contiguous")
    init = [caselib.layout(caselib.randn(s, gen, dtype, device), layout) for s in shapes]
    missing = {(int(k), int(i)) for k, i in params.get("missing", [])}  # (step, param) without grad
    scale = float(params.get("gscale", 1.0))
    grads = []
    for k in range(int(params["steps"])):
        grads.append([None if (k, i) in missing else caselib.randn(s, gen, dtype, device, scale=scale)
                      for i, s in enumerate(shapes)])
    opts = dict(params.get("opts", {}))
    if "betas" in opts:
        opts["betas"] = tuple(opts["betas"])
    return {"args": [], "kwargs": {}, "param shapes": shapes, "init": init, "opts": opts,
            "groups": params.get("groups"), "lrs": params.get("lrs"), "grads": grads}


class _NoTorchAdam:
    """While active, torch's own Adam/AdamW update raises: the learner must write the rule."""

    def __enter__(self):
        import torch.optim.adam as adam_mod
        import torch.optim.adamw as adamw_mod

        def fault(*args, **kwargs):
            raise LearnerFault("forbidden", "uses torch's own Adam/AdamW update (torch.optim.Adam, "
                                            "torch.optim.AdamW), which this exercise forbids")
        self.saved = []
        for mod in (adam_mod, adamw_mod):
            for name in ("adam", "adamw", "_single_tensor_adam", "_multi_tensor_adam", "_fused_adam"):
                if name in vars(mod):
                    self.saved.append((mod, name, vars(mod)[name]))
        for cls in (torch.optim.Adam, torch.optim.AdamW):
            if "step" in vars(cls):
                self.saved.append((cls, "step", vars(cls)["step"]))
        for owner, name, _ in self.saved:
            setattr(owner, name, fault)
        return self

    def __exit__(self, *exc):
        for owner, name, value in self.saved:
            setattr(owner, name, value)
        return False


def _state(opt, p, key):
    state = getattr(opt, "state", {})
    try:
        st = state[p]
    except (KeyError, TypeError):
        return "no state for this parameter"
    if not isinstance(st, dict) or key not in st:
        return f"no state[{key!r}]"
    value = st[key]
    if key == "step":
        try:
            return float(value)  # PyTorch keeps a 0-dim tensor; an int is fine too
        except (TypeError, ValueError):
            return f"not a number: {type(value).__name__}"
    return value.detach().clone() if isinstance(value, torch.Tensor) else f"not a tensor: {type(value).__name__}"


def _drive(entry, inputs: dict, ctx) -> dict:
    ps = [t.to(ctx.dtype).detach().clone().requires_grad_(True) for t in inputs["init"]]
    if inputs["groups"]:
        arg = [{"params": [ps[i] for i in g["params"]], **g.get("opts", {})} for g in inputs["groups"]]
    else:
        arg = ps
    opt = ctx.call(entry, arg, **inputs["opts"])
    out = {"is a torch.optim.Optimizer": isinstance(opt, Optimizer)}
    for k, grads in enumerate(inputs["grads"], start=1):
        if inputs["lrs"]:
            for group in opt.param_groups:
                group["lr"] = inputs["lrs"][k - 1]
        for p, g in zip(ps, grads):
            p.grad = None if g is None else g.to(ctx.dtype).clone()
        ctx.call(opt.step)
        for i, p in enumerate(ps):
            out[f"step {k}: param {i}"] = p.detach().clone()
            for key in ("step", "exp_avg", "exp_avg_sq"):
                out[f"step {k}: state[param {i}][{key!r}]"] = _state(opt, p, key)
    return out


def call(entry, inputs: dict, ctx):
    if ctx.is_reference:
        return _drive(entry, inputs, ctx)
    with _NoTorchAdam():
        return _drive(entry, inputs, ctx)


def reference_entry():
    # foreach=False: the plain per-parameter loop on every device.
    return lambda params, **kw: torch.optim.Adam(params, foreach=False, **kw)


# ---------------------------------------------------------------------------------------
# Known mistakes. One optimizer with switches; each suspect turns exactly one on.


class _WrongAdam(Optimizer):
    no_bias_correction = False
    eps_inside_sqrt = False
    eps_before_correction = False
    decoupled = False
    step_from_zero = False
    swapped_betas = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, eps, wd = group["lr"], group["eps"], group["weight_decay"]
            b1, b2 = group["betas"]
            if self.swapped_betas:
                b1, b2 = b2, b1
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if wd:
                    if self.decoupled:
                        p.mul_(1 - lr * wd)
                    else:
                        g = g + wd * p
                st = self.state[p]
                if not st:
                    st["step"] = 0
                    st["exp_avg"] = torch.zeros_like(p)
                    st["exp_avg_sq"] = torch.zeros_like(p)
                t = st["step"] if self.step_from_zero else st["step"] + 1
                st["step"] += 1
                m = st["exp_avg"] = b1 * st["exp_avg"] + (1 - b1) * g
                v = st["exp_avg_sq"] = b2 * st["exp_avg_sq"] + (1 - b2) * g * g
                c1, c2 = (1.0, 1.0) if self.no_bias_correction else (1 - b1 ** t, 1 - b2 ** t)
                if c1 == 0 or c2 == 0:
                    p.copy_(torch.full_like(p, float("nan")))
                    continue
                if self.eps_inside_sqrt:
                    update = (m / c1) / torch.sqrt(v / c2 + eps)
                elif self.eps_before_correction:
                    update = (m / c1) * c2 ** 0.5 / (v.sqrt() + eps)
                else:
                    update = (m / c1) / ((v / c2).sqrt() + eps)
                p.sub_(lr * update)


def _suspect(**switches):
    cls = type("WrongAdam", (_WrongAdam,), switches)
    return lambda params, **kw: cls(params, **kw)


SUSPECTS = [
    ("there is no bias correction: divide exp_avg by (1 − β1^t) and exp_avg_sq by "
     "(1 − β2^t); both start at zero, and without it the early steps are off by "
     "(1 − β1^t)/sqrt(1 − β2^t) (about 3× too large at the first step with the defaults)",
     _suspect(no_bias_correction=True)),
    ("eps was added to sqrt(v) before the bias correction (the paper's folded step size "
     "lr·sqrt(1 − β2^t)/(1 − β1^t)); PyTorch adds eps after it: sqrt(v)/sqrt(1 − β2^t) + eps",
     _suspect(eps_before_correction=True)),
    ("eps went inside the square root: PyTorch divides by sqrt(v̂) + eps, not sqrt(v̂ + eps) "
     "(which is at least sqrt(eps) = 1e-4 for eps = 1e-8)",
     _suspect(eps_inside_sqrt=True)),
    ("the weight decay was decoupled (p ← p·(1 − lr·wd), as in AdamW); torch.optim.Adam "
     "adds weight_decay·p to the gradient, so it also goes through the moments",
     _suspect(decoupled=True)),
    ("the bias correction used the step count before incrementing it: at the first step "
     "1 − β^0 = 0 and the update divides by zero; t must be 1 on the first step",
     _suspect(step_from_zero=True)),
    ("betas are swapped: betas = (β1, β2) with β1 for exp_avg (the mean of g) and β2 for "
     "exp_avg_sq (the mean of g²)",
     _suspect(swapped_betas=True)),
]
