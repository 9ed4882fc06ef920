"""Hidden cases for adamw.

Each case builds a few leaf parameters, constructs the optimizer (one or two param groups),
then for every step sets p.grad to a given tensor (or None), calls step(), and records each
parameter and its state (step, exp_avg, exp_avg_sq). The expected values come from
torch.optim.AdamW driven the same way in float64.
"""

import random

import torch
from torch.optim import Optimizer

from dlquiz import caselib



def random_params(rng: random.Random, index: int) -> dict:
    n = rng.randint(1, 3)
    shapes = [caselib.distinct_sizes(rng, rng.randint(1, 2), 2, 7) for _ in range(n)]
    opts = {"lr": rng.choice([1e-3, 1e-2, 0.1]),
            "betas": rng.choice([[0.9, 0.999], [0.9, 0.999], [0.8, 0.99], [0.5, 0.9]]),
            "eps": rng.choice([1e-8, 1e-8, 1e-3]),
            "weight_decay": rng.choice([0.0, 0.01, 0.1, 0.5])}
    return {"shapes": shapes, "opts": opts, "steps": rng.randint(2, 6),
            "gscale": rng.choice([1.0, 1.0, 0.01]),
            "layout": rng.choice(["contiguous", "contiguous", "transposed"])}


# Inputs, the step-by-step driver and the guard against torch's own update are Adam's.
_adam = caselib.sibling_cases("adam")
build, call = _adam.build, _adam.call


def reference_entry():
    # foreach=False: the plain per-parameter loop on every device.
    return lambda params, **kw: torch.optim.AdamW(params, foreach=False, **kw)


# ---------------------------------------------------------------------------------------
# Known mistakes. One optimizer with switches; each suspect turns exactly one on.


class _WrongAdamW(Optimizer):
    l2 = False
    decay_after = False
    decay_without_lr = False
    zero_default_wd = False
    no_bias_correction = False
    eps_inside_sqrt = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=None):
        if weight_decay is None:
            weight_decay = 0.0 if self.zero_default_wd else 1e-2
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, eps, wd = group["lr"], group["eps"], group["weight_decay"]
            b1, b2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if wd:
                    if self.l2:
                        g = g + wd * p
                    elif self.decay_without_lr:
                        p.mul_(1 - wd)
                    elif not self.decay_after:
                        p.mul_(1 - lr * wd)
                st = self.state[p]
                if not st:
                    st["step"] = 0
                    st["exp_avg"] = torch.zeros_like(p)
                    st["exp_avg_sq"] = torch.zeros_like(p)
                st["step"] += 1
                t = st["step"]
                m = st["exp_avg"] = b1 * st["exp_avg"] + (1 - b1) * g
                v = st["exp_avg_sq"] = b2 * st["exp_avg_sq"] + (1 - b2) * g * g
                c1, c2 = (1.0, 1.0) if self.no_bias_correction else (1 - b1 ** t, 1 - b2 ** t)
                if self.eps_inside_sqrt:
                    update = (m / c1) / torch.sqrt(v / c2 + eps)
                else:
                    update = (m / c1) / ((v / c2).sqrt() + eps)
                p.sub_(lr * update)
                if wd and self.decay_after and not self.l2:
                    p.mul_(1 - lr * wd)


def _suspect(**switches):
    cls = type("WrongAdamW", (_WrongAdamW,), switches)
    return lambda params, **kw: cls(params, **kw)


SUSPECTS = [
    ("that is Adam's L2 penalty (weight_decay·p added to the gradient, so it passes "
     "through the moments and gets divided by sqrt(v̂)); AdamW decouples it: "
     "p ← p·(1 − lr·weight_decay) and the gradient stays untouched",
     _suspect(l2=True)),
    ("the decay was applied after the Adam update; PyTorch shrinks p by (1 − lr·wd) first "
     "and then takes the Adam step from the shrunk weights",
     _suspect(decay_after=True)),
    ("the decay ignores lr: p ← p·(1 − weight_decay); PyTorch scales it by the current "
     "learning rate, p ← p·(1 − lr·weight_decay)",
     _suspect(decay_without_lr=True)),
    ("the default weight_decay is 0 (Adam's default); torch.optim.AdamW defaults to 1e-2",
     _suspect(zero_default_wd=True)),
    ("there is no bias correction: divide exp_avg by (1 − β1^t) and exp_avg_sq by (1 − β2^t)",
     _suspect(no_bias_correction=True)),
    ("eps went inside the square root: PyTorch divides by sqrt(v̂) + eps, not sqrt(v̂ + eps)",
     _suspect(eps_inside_sqrt=True)),
]
