"""Hidden cases for sgd_momentum.

Each case builds a few leaf parameters, constructs the optimizer (one or two param groups),
then for every step sets p.grad to a given tensor (or None), calls step(), and records
every parameter and every momentum buffer. The expected values come from torch.optim.SGD
driven the same way in float64.
"""

import random

import torch
from torch.optim import Optimizer

from dlquiz import caselib
from dlquiz.guards import LearnerFault


def random_params(rng: random.Random, index: int) -> dict:
    n = rng.randint(1, 3)
    shapes = [caselib.distinct_sizes(rng, rng.randint(1, 2), 2, 7) for _ in range(n)]
    momentum = rng.choice([0.0, 0.5, 0.9, 0.9])
    dampening = rng.choice([0.0, 0.0, 0.3]) if momentum else 0.0
    nesterov = bool(momentum and not dampening and rng.random() < 0.4)
    opts = {"lr": rng.choice([0.01, 0.1, 0.3]), "momentum": momentum, "dampening": dampening,
            "weight_decay": rng.choice([0.0, 0.0, 0.01, 0.1]), "nesterov": nesterov}
    return {"shapes": shapes, "opts": opts, "steps": rng.randint(2, 5),
            "layout": rng.choice(["contiguous", "contiguous", "transposed"])}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shapes = [list(s) for s in params["shapes"]]
    layout = params.get("layout", "contiguous")
    init = [caselib.layout(caselib.randn(s, gen, dtype, device), layout) for s in shapes]
    missing = {(int(k), int(i)) for k, i in params.get("missing", [])}  # (step, param) without grad
    grads = []
    for k in range(int(params["steps"])):
        grads.append([None if (k, i) in missing else caselib.randn(s, gen, dtype, device)
                      for i, s in enumerate(shapes)])
    return {"args": [], "kwargs": {}, "param shapes": shapes, "init": init, "opts": dict(params.get("opts", {})),
            "groups": params.get("groups"), "lrs": params.get("lrs"), "grads": grads}


_PATCHED = ("sgd", "_single_tensor_sgd", "_multi_tensor_sgd", "_fused_sgd")


class _NoTorchSGD:
    """While active, torch's own SGD update raises: the learner must write the rule."""

    def __enter__(self):
        import torch.optim.sgd as mod

        def fault(*args, **kwargs):
            raise LearnerFault("forbidden", "uses torch.optim.SGD's own update (torch.optim.SGD / "
                                            "torch.optim.sgd), which this exercise forbids")
        self.saved = [(mod, name, getattr(mod, name)) for name in _PATCHED if hasattr(mod, name)]
        self.saved.append((torch.optim.SGD, "step", torch.optim.SGD.__dict__["step"]))
        try:
            import torch.optim._functional as fmod
            if hasattr(fmod, "sgd"):
                self.saved.append((fmod, "sgd", fmod.sgd))
        except ImportError:
            pass
        for owner, name, _ in self.saved:
            setattr(owner, name, fault)
        return self

    def __exit__(self, *exc):
        for owner, name, value in self.saved:
            setattr(owner, name, value)
        return False


def _buffer(opt, p):
    state = getattr(opt, "state", {})
    try:
        st = state[p]
    except (KeyError, TypeError):
        return "no state for this parameter"
    buf = st.get("momentum_buffer") if isinstance(st, dict) else None
    if buf is None:
        return "no momentum_buffer"
    return buf.detach().clone() if isinstance(buf, torch.Tensor) else f"not a tensor: {type(buf).__name__}"


def _drive(entry, inputs: dict, ctx) -> dict:
    ps = [t.to(ctx.dtype).detach().clone().requires_grad_(True) for t in inputs["init"]]
    opts = inputs["opts"]
    if inputs["groups"]:
        arg = [{"params": [ps[i] for i in g["params"]], **g.get("opts", {})} for g in inputs["groups"]]
    else:
        arg = ps
    opt = ctx.call(entry, arg, **opts)
    out = {"is a torch.optim.Optimizer": isinstance(opt, Optimizer)}
    # Which momentum each parameter runs with (a group may override the default).
    momenta = [opts.get("momentum", 0.0)] * len(ps)
    for g in inputs["groups"] or []:
        for i in g["params"]:
            momenta[i] = g.get("opts", {}).get("momentum", momenta[i])
    for k, grads in enumerate(inputs["grads"], start=1):
        if inputs["lrs"]:
            for group in opt.param_groups:
                group["lr"] = inputs["lrs"][k - 1]
        for p, g in zip(ps, grads):
            p.grad = None if g is None else g.to(ctx.dtype).clone()
        ctx.call(opt.step)
        for i, p in enumerate(ps):
            out[f"step {k}: param {i}"] = p.detach().clone()
            if momenta[i] != 0:
                out[f"step {k}: state[param {i}]['momentum_buffer']"] = _buffer(opt, p)
    return out


def call(entry, inputs: dict, ctx):
    if ctx.is_reference:
        return _drive(entry, inputs, ctx)
    with _NoTorchSGD():
        return _drive(entry, inputs, ctx)


def reference_entry():
    # foreach=False: the plain per-parameter loop on every device.
    return lambda params, **kw: torch.optim.SGD(params, foreach=False, **kw)


# ---------------------------------------------------------------------------------------
# Known mistakes. One optimizer with switches; each suspect turns exactly one on.


class _WrongSGD(Optimizer):
    dampen_first = False
    ignore_nesterov = False
    nesterov_no_factor = False
    decay_after_momentum = False
    lr_in_buffer = False
    cached_lr = False
    none_as_zero = False

    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))
        self.first_lrs = [g["lr"] for g in self.param_groups]

    @torch.no_grad()
    def step(self, closure=None):
        for gi, group in enumerate(self.param_groups):
            lr = self.first_lrs[gi] if self.cached_lr else group["lr"]
            m, damp = group["momentum"], group["dampening"]
            wd, nesterov = group["weight_decay"], group["nesterov"]
            for p in group["params"]:
                grad = p.grad
                if grad is None:
                    if not self.none_as_zero:
                        continue
                    grad = torch.zeros_like(p)
                d_p = grad
                if wd and not self.decay_after_momentum:
                    d_p = d_p + wd * p
                if m:
                    st = self.state[p]
                    buf = st.get("momentum_buffer")
                    scale = lr if self.lr_in_buffer else 1.0
                    if buf is None:
                        buf = scale * d_p.clone() * ((1 - damp) if self.dampen_first else 1.0)
                    else:
                        buf = m * buf + scale * (1 - damp) * d_p
                    st["momentum_buffer"] = buf
                    if self.lr_in_buffer:
                        p.sub_(buf + (wd * p if wd and self.decay_after_momentum else 0))
                        continue
                    if nesterov and not self.ignore_nesterov:
                        d_p = d_p + (buf if self.nesterov_no_factor else m * buf)
                    else:
                        d_p = buf
                if wd and self.decay_after_momentum:
                    d_p = d_p + wd * p
                p.sub_(lr * d_p)


def _suspect(**switches):
    cls = type("WrongSGD", (_WrongSGD,), switches)
    return lambda params, **kw: cls(params, **kw)


SUSPECTS = [
    ("dampening was applied on the first step; PyTorch starts the buffer as the gradient "
     "itself (buf = g) and dampens only later updates (buf = m·buf + (1 − dampening)·g)",
     _suspect(dampen_first=True)),
    ("nesterov=True was ignored: the step used the buffer only; Nesterov steps along "
     "g + momentum·buf",
     _suspect(ignore_nesterov=True)),
    ("the Nesterov step is g + momentum·buf; you added the buffer without the momentum factor",
     _suspect(nesterov_no_factor=True)),
    ("weight decay was added after the momentum update; PyTorch adds weight_decay·p to the "
     "gradient first, so the decay term goes through the momentum buffer too",
     _suspect(decay_after_momentum=True)),
    ("lr went into the momentum buffer (v = m·v + lr·g, p −= v); PyTorch keeps the buffer "
     "free of lr (buf = m·buf + g) and steps p −= lr·buf, so momentum_buffer differs and a "
     "changed lr acts at once",
     _suspect(lr_in_buffer=True)),
    ("lr was read once in __init__; read group['lr'] inside step() for every param group, "
     "since schedulers and per-group settings change it there",
     _suspect(cached_lr=True)),
    ("a parameter whose .grad is None was updated as if its gradient were zero; PyTorch "
     "skips it entirely (no decay, no momentum step, no state change)",
     _suspect(none_as_zero=True)),
]
