"""Hidden cases for cosine_warmup.

The learner's lr_at is called for every step 0..total_steps and the list is compared with
the learning rates that PyTorch's own schedulers produce when stepped in a real loop:
SequentialLR([LinearLR(start_factor=1/W, total_iters=W-1), CosineAnnealingLR(T_max=T-W,
eta_min=min_lr)], milestones=[W]).
"""

import random
import warnings

import torch

from dlquiz.guards import LearnerFault


def random_params(rng: random.Random, index: int) -> dict:
    warmup = rng.choice([1, 2, 3, 5, 8, 10, 20])
    total = warmup + rng.randint(1, 60)
    base = rng.choice([1e-3, 3e-4, 0.1, 1.0])
    min_lr = rng.choice([None, 0.0, 1e-5, 0.1 * base])
    return {"base_lr": base, "warmup_steps": warmup, "total_steps": total, "min_lr": min_lr}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    kwargs = {} if params.get("min_lr") is None else {"min_lr": float(params["min_lr"])}
    return {"args": [], "kwargs": {}, "base_lr": float(params["base_lr"]),
            "warmup_steps": int(params["warmup_steps"]), "total_steps": int(params["total_steps"]),
            "extra": kwargs}


class _Schedulers:
    """Marker: the expected values come from stepping torch's schedulers."""


def _torch_schedule(base_lr: float, warmup: int, total: int, min_lr: float) -> list[float]:
    from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warm = LinearLR(opt, start_factor=1.0 / warmup, end_factor=1.0, total_iters=warmup - 1)
        cos = CosineAnnealingLR(opt, T_max=total - warmup, eta_min=min_lr)
        sched = SequentialLR(opt, [warm, cos], milestones=[warmup])
        lrs = []
        for _ in range(total + 1):
            lrs.append(float(opt.param_groups[0]["lr"]))
            opt.step()
            sched.step()
    return lrs


class _NoSchedulers:
    """While active, torch's LR schedulers raise: the learner must write the formula."""

    def __enter__(self):
        import torch.optim.lr_scheduler as mod

        def fault(*args, **kwargs):
            raise LearnerFault("forbidden", "uses torch.optim.lr_scheduler, which this exercise forbids; "
                                            "write the formula")
        self.saved = [(cls, cls.__dict__["__init__"]) for cls in vars(mod).values()
                      if isinstance(cls, type) and issubclass(cls, mod.LRScheduler) and "__init__" in cls.__dict__]
        for cls, _ in self.saved:
            cls.__init__ = fault
        return self

    def __exit__(self, *exc):
        for cls, init in self.saved:
            cls.__init__ = init
        return False


def call(entry, inputs: dict, ctx):
    base, warmup, total = inputs["base_lr"], inputs["warmup_steps"], inputs["total_steps"]
    if entry is _Schedulers:
        lrs = _torch_schedule(base, warmup, total, inputs["extra"].get("min_lr", 0.0))
    else:
        with _NoSchedulers():
            lrs = [ctx.call(entry, step, base, warmup, total, **inputs["extra"])
                   for step in range(total + 1)]
    # Keyed by step, so that a verdict reads "lr at step 3: expected ..., got ...".
    return {f"lr at step {step}": lr for step, lr in enumerate(lrs)}


def reference_entry():
    return _Schedulers


# ---------------------------------------------------------------------------------------
# Known mistakes.


def _cos(progress):
    import math
    return 0.5 * (1.0 + math.cos(math.pi * progress))


def _warmup_from_zero(step, base, w, t, min_lr=0.0):
    if step < w:
        return base * step / w
    return min_lr + (base - min_lr) * _cos((step - w) / (t - w))


def _over_total(step, base, w, t, min_lr=0.0):
    if step < w:
        return base * (step + 1) / w
    return min_lr + (base - min_lr) * _cos((step - w) / t)


def _from_step_zero(step, base, w, t, min_lr=0.0):
    if step < w:
        return base * (step + 1) / w
    return min_lr + (base - min_lr) * _cos(step / t)


def _ignores_min(step, base, w, t, min_lr=0.0):
    if min_lr == 0:
        raise ValueError("min_lr = 0: nothing to ignore")
    if step < w:
        return base * (step + 1) / w
    return base * _cos((step - w) / (t - w))


def _min_not_rescaled(step, base, w, t, min_lr=0.0):
    if min_lr == 0:
        raise ValueError("min_lr = 0: no difference")
    if step < w:
        return base * (step + 1) / w
    return min_lr + base * _cos((step - w) / (t - w))


def _full_period(step, base, w, t, min_lr=0.0):
    if step < w:
        return base * (step + 1) / w
    return min_lr + (base - min_lr) * _cos(2 * (step - w) / (t - w))


def _late_start(step, base, w, t, min_lr=0.0):
    if step < w:
        return base * (step + 1) / w
    return min_lr + (base - min_lr) * _cos((step - w + 1) / (t - w))


SUSPECTS = [
    ("the warmup starts at 0 (base_lr·step/W): PyTorch's LinearLR with start_factor 1/W "
     "gives base_lr·(step + 1)/W, reaching base_lr at step W − 1",
     _warmup_from_zero),
    ("the cosine runs over total_steps instead of total_steps − warmup_steps, so it never "
     "reaches min_lr",
     _over_total),
    ("the cosine progress counts from step 0, not from the end of the warmup: use "
     "(step − W)/(T − W)",
     _from_step_zero),
    ("min_lr is ignored: the cosine must end at min_lr, lr = min_lr + (base_lr − min_lr)·(1 + cos)/2",
     _ignores_min),
    ("min_lr is added on top of the full cosine: scale the cosine by (base_lr − min_lr), "
     "not base_lr, or the schedule starts above base_lr",
     _min_not_rescaled),
    ("that is a full cosine period (cos(2π·progress)), which comes back up to base_lr; the "
     "decay is half a period, cos(π·progress)",
     _full_period),
    ("the cosine starts one step late (progress (step − W + 1)/(T − W)); at step W the lr "
     "is still base_lr",
     _late_start),
]
