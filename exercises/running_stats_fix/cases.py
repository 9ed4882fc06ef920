"""Hidden tests for running_stats_fix: running statistics must be registered buffers.

One case drives a module's life cycle and records what torch.nn.BatchNorm1d does:

1. construct, `.to(device, dtype)`: how running_mean / running_var are registered
   (buffer, non-persistent buffer, Parameter, plain attribute), whether they follow
   `.to(dtype)` and `.double()`, the parameter names and the state_dict keys
   (num_batches_tracked is optional and ignored everywhere);
2. a few training steps (forward + backward) with random weight and bias: outputs,
   input gradients and the running statistics after each step;
3. `state_dict()` after training: the running statistics it holds;
4. `load_state_dict()` of a checkpoint with other weight, bias and running statistics
   (strict=False, so a missing num_batches_tracked is fine), then eval forwards: the keys
   the module could not load, its running statistics and its eval outputs.
"""

import random

import torch

from dlquiz import caselib

MOMENTA = (0.1, 0.2, 0.3)
LAYOUTS = ("contiguous", "transposed", "sliced")
STATS = ("running_mean", "running_var")
IGNORED = ("num_batches_tracked",)


def random_params(rng: random.Random, index: int) -> dict:
    if rng.random() < 0.5:
        n, c, l = caselib.distinct_sizes(rng, 3, 2, 7)
    else:
        (n, c), l = caselib.distinct_sizes(rng, 2, 2, 9), None
    return {
        "n": n, "c": c, "l": l,
        "steps": rng.randint(1, 3),
        "momentum": rng.choice(MOMENTA),
        "eval_n": rng.randint(1, 5),
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "layout": LAYOUTS[(index // 2) % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def _batch(shape, gen, dtype, device, loc, spread, layout):
    """A batch whose per-channel batch mean and biased std are set exactly (well-conditioned)."""
    f64 = torch.float64
    c = shape[1]
    dims = (0,) if len(shape) == 2 else (0, 2)
    view = (1, -1) if len(shape) == 2 else (1, -1, 1)
    z = caselib.standardized(shape, gen, dims)
    mean = loc + 0.3 * spread * caselib.randn((c,), gen, f64, "cpu")
    std = spread * torch.exp(0.2 * caselib.randn((c,), gen, f64, "cpu"))
    x = (z * std.reshape(view) + mean.reshape(view)).to(dtype=dtype, device=device)
    return caselib.layout(x, layout, gen), std


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    f64 = torch.float64
    n, c, l = int(params["n"]), int(params["c"]), params.get("l")
    shape = (n, c) if l is None else (n, c, int(l))
    view = (1, -1) if l is None else (1, -1, 1)
    layout = params.get("layout", "contiguous")
    loc = float(params.get("shift", 0.0)) + caselib.randn((c,), gen, f64, "cpu")
    spread = torch.exp(0.2 * caselib.randn((c,), gen, f64, "cpu"))
    train, upstream = [], []
    for _ in range(int(params.get("steps", 2))):
        x, std = _batch(shape, gen, dtype, device, loc, spread, layout)
        train.append(x)
        g = caselib.randn(shape, gen, f64, "cpu") * std.reshape(view)
        upstream.append(g.to(dtype=dtype, device=device))
    eval_shape = (int(params.get("eval_n", 3)),) + shape[1:]
    evals = []
    for _ in range(2):
        e = caselib.randn(eval_shape, gen, f64, "cpu") * spread.reshape(view) + loc.reshape(view)
        evals.append(caselib.layout(e.to(dtype=dtype, device=device), layout, gen))
    # The checkpoint loaded at the end: statistics unlike anything the module has seen.
    checkpoint = {
        "weight": caselib.randn((c,), gen, dtype, device, scale=0.5, shift=1.0),
        "bias": caselib.randn((c,), gen, dtype, device, scale=0.5),
        "running_mean": caselib.randn((c,), gen, dtype, device, scale=0.5, shift=float(params.get("shift", 0.0))),
        "running_var": caselib.rand((c,), gen, dtype, device, lo=0.5, hi=2.0),
    }
    return {
        "args": [],
        "kwargs": {},
        "num_features": c,
        "eps": float(params.get("eps", 1e-5)),
        "momentum": float(params.get("momentum", 0.1)),
        "weight": caselib.randn((c,), gen, dtype, device, scale=0.5, shift=1.0),
        "bias": caselib.randn((c,), gen, dtype, device, scale=0.5),
        "train": train,
        "upstream": upstream,
        "eval": evals,
        "checkpoint": checkpoint,
    }


def _registration(m, name: str) -> str:
    """How attribute `name` is held by module m, in words."""
    if name in dict(m.named_parameters(recurse=False)):
        return ("an nn.Parameter: it is listed in parameters(), so an optimizer would update it "
                "and weight decay would shrink it; running statistics are buffers")
    if name in dict(m.named_buffers(recurse=False)):
        if name not in m.state_dict():
            return ("a non-persistent buffer (persistent=False): it follows .to(), but it is "
                    "missing from state_dict(), so a checkpoint loses it")
        return "a buffer"
    if isinstance(getattr(m, name, None), torch.Tensor):
        return ("a plain tensor attribute: not in state_dict() (a checkpoint loses it) and not "
                "converted by .to() / .double(); register it with self.register_buffer")
    return "missing"


def _names(items) -> str:
    return ", ".join(sorted(k for k in items if k not in IGNORED)) or "none"


def call(entry, inputs: dict, ctx):
    def own(t):
        return t.to(device=ctx.device, dtype=ctx.dtype)

    c = inputs["num_features"]
    ctor = dict(eps=inputs["eps"], momentum=inputs["momentum"])
    m = ctx.call(entry, c, **ctor)
    m = m.to(device=ctx.device, dtype=ctx.dtype)
    m.train()
    out = {}
    for name in STATS:
        out[f"{name} is registered as"] = _registration(m, name)
    for name in STATS:
        t = getattr(m, name, None)
        out[f"{name} follows .to(dtype, device)"] = (
            isinstance(t, torch.Tensor) and t.dtype == ctx.dtype and t.device.type == ctx.device)
    other = ctx.call(entry, c, **ctor).double()
    for name in STATS:
        t = getattr(other, name, None)
        out[f"{name} follows .double()"] = isinstance(t, torch.Tensor) and t.dtype == torch.float64
    out["parameters"] = _names(dict(m.named_parameters()))
    out["state_dict keys"] = _names(m.state_dict())

    with torch.no_grad():
        m.weight.copy_(own(inputs["weight"]))
        m.bias.copy_(own(inputs["bias"]))
    for k, (x0, g) in enumerate(zip(inputs["train"], inputs["upstream"]), start=1):
        x = own(x0).detach().requires_grad_(True)
        y = ctx.call(m, x)
        (y * own(g)).sum().backward()
        out[f"train{k}.output"] = caselib.snapshot(y)
        out[f"train{k}.grad_input"] = caselib.snapshot(x.grad)
        for name in STATS:
            out[f"train{k}.{name}"] = caselib.snapshot(getattr(m, name, None))
        m.weight.grad = None
        m.bias.grad = None

    state = m.state_dict()
    for name in STATS:
        out[f"state_dict()['{name}'] after training"] = (
            caselib.snapshot(state[name]) if name in state else "missing from state_dict()")

    checkpoint = {k: own(v) for k, v in inputs["checkpoint"].items()}
    result = m.load_state_dict(checkpoint, strict=False)
    out["load_state_dict: keys it could not load"] = _names(result.unexpected_keys)
    m.eval()
    for name in STATS:
        out[f"after load_state_dict: {name}"] = caselib.snapshot(getattr(m, name, None))
    for j, e in enumerate(inputs["eval"], start=1):
        out[f"after load_state_dict: eval{j}.output"] = caselib.snapshot(ctx.call(m, own(e)))
    return out


def reference_entry():
    return torch.nn.BatchNorm1d
