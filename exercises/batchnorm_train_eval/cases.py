"""Hidden tests for batchnorm_train_eval.

One case drives a whole life cycle of the module: construct, set non-trivial affine
parameters, K training steps (forward + backward), then eval forwards. Everything that
nn.BatchNorm1d would produce along the way is recorded and compared.
"""

import random

import torch
from torch import nn

from dlquiz import caselib

# 0.5 is left out on purpose: with m = 0.5, m and 1 − m coincide and a reversed momentum
# would go unnoticed.
MOMENTA = (0.1, 0.2, 0.3, 0.05)
EPSES = (1e-5, 1e-5, 1e-3)
LAYOUTS = ("contiguous", "transposed", "sliced")


def random_params(rng: random.Random, index: int) -> dict:
    three_d = rng.random() < 0.6
    if three_d:
        n, c, l = caselib.distinct_sizes(rng, 3, 2, 7)
    else:
        n, c = caselib.distinct_sizes(rng, 2, 2, 9)
        l = None
    return {
        "n": n,
        "c": c,
        "l": l,
        "steps": rng.randint(1, 3),
        "momentum": rng.choice(MOMENTA),
        "eps": rng.choice(EPSES),
        "eval_n": rng.randint(1, 6),
        "eval_batches": rng.randint(1, 2),
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": LAYOUTS[(index // 2) % len(LAYOUTS)],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def _train_batch(shape, params, gen, device, dtype, loc, spread):
    """One training batch whose per-channel batch mean and biased std are set exactly.

    Raw normal draws with few values per channel (N = 2, say) sometimes have a batch std
    close to 0 by chance; float32 batch norm is then ill-conditioned (its forward error
    grows like |mean| / std and its input gradient like 1 / std), and even nn.BatchNorm1d
    in float32 would miss the float64 reference. So each channel is standardized in float64
    and given its own batch mean and std, which also differ from step to step.
    Returns the batch and the (C,) batch std actually used.
    """
    f64 = torch.float64
    c = shape[1]
    dims = (0,) if len(shape) == 2 else (0, 2)
    view = (1, -1) if len(shape) == 2 else (1, -1, 1)
    z = caselib.standardized(shape, gen, dims)
    mean = loc + 0.3 * spread * caselib.randn((c,), gen, f64, "cpu")
    std = spread * torch.exp(0.2 * caselib.randn((c,), gen, f64, "cpu"))
    x = (z * std.reshape(view) + mean.reshape(view)).to(dtype=dtype, device=device)
    return caselib.layout(x, params.get("layout", "contiguous"), gen), std


def _eval_batch(shape, params, gen, device, dtype, loc, spread):
    """An eval batch: plain normal draws around the same per-channel location."""
    view = (1, -1) if len(shape) == 2 else (1, -1, 1)
    x = caselib.randn(shape, gen, torch.float64, "cpu") * spread.reshape(view) + loc.reshape(view)
    return caselib.layout(x.to(dtype=dtype, device=device), params.get("layout", "contiguous"), gen)


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, c, l = int(params["n"]), int(params["c"]), params.get("l")
    shape = (n, c) if l is None else (n, c, int(l))
    eval_shape = (int(params.get("eval_n", n)),) + shape[1:]
    view = (1, -1) if l is None else (1, -1, 1)

    # Per-channel location and spread, so every channel has its own statistics.
    f64 = torch.float64
    loc = float(params.get("shift", 0.0)) + caselib.randn(
        (c,), gen, f64, "cpu", scale=float(params.get("loc_spread", 1.0)))
    spread = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((c,), gen, f64, "cpu"))
    if params.get("tiny_channel") is not None:
        # One almost constant channel: its batch variance is about tiny_std², below eps.
        spread[int(params["tiny_channel"])] = float(params["tiny_std"])

    train, upstream = [], []
    for _ in range(int(params.get("steps", 1))):
        x, std = _train_batch(shape, params, gen, device, dtype, loc, spread)
        train.append(x)
        # The upstream gradient of each channel is scaled by that channel's batch std, so
        # that grad_input (which scales like weight · upstream / std) stays of order one
        # and float32 rounding stays well below the float32 tolerance.
        g = caselib.randn(shape, gen, f64, "cpu") * std.reshape(view)
        upstream.append(g.to(dtype=dtype, device=device))
    evals = [_eval_batch(eval_shape, params, gen, device, dtype, loc, spread)
             for _ in range(int(params.get("eval_batches", 1)))]
    return {
        "args": [],
        "kwargs": {},
        "num_features": c,
        "eps": float(params.get("eps", 1e-5)),
        "momentum": float(params.get("momentum", 0.1)),
        # Away from the identity so that a forgotten weight or bias shows.
        "weight": caselib.randn((c,), gen, dtype, device, scale=0.5, shift=1.0),
        "bias": caselib.randn((c,), gen, dtype, device, scale=0.5),
        "train": train,
        "upstream": upstream,
        "eval": evals,
    }


def call(entry, inputs: dict, ctx):
    def own(t):
        return t.to(device=ctx.device, dtype=ctx.dtype)

    m = ctx.call(entry, inputs["num_features"], eps=inputs["eps"], momentum=inputs["momentum"])
    m = m.to(device=ctx.device, dtype=ctx.dtype)
    m.train()

    buffers = dict(m.named_buffers())
    parameters = dict(m.named_parameters())
    state = m.state_dict()
    structure = {
        "running_mean.is_buffer": "running_mean" in buffers,
        "running_var.is_buffer": "running_var" in buffers,
        "weight.is_parameter": "weight" in parameters,
        "bias.is_parameter": "bias" in parameters,
        "state_dict.has_weight": "weight" in state,
        "state_dict.has_bias": "bias" in state,
        "state_dict.has_running_mean": "running_mean" in state,
        "state_dict.has_running_var": "running_var" in state,
    }

    with torch.no_grad():
        # copy_ keeps the learner's own Parameter objects.
        m.weight.copy_(own(inputs["weight"]))
        m.bias.copy_(own(inputs["bias"]))

    numbers = {}
    for k, (x0, g) in enumerate(zip(inputs["train"], inputs["upstream"]), start=1):
        # A fresh leaf that shares x0's memory layout (detach keeps the strides).
        x = own(x0).detach().requires_grad_(True)
        y = ctx.call(m, x)
        (y * own(g)).sum().backward()
        numbers[f"step{k}.output"] = caselib.snapshot(y)
        numbers[f"step{k}.grad_input"] = caselib.snapshot(x.grad)
        numbers[f"step{k}.grad_weight"] = caselib.snapshot(m.weight.grad)
        numbers[f"step{k}.grad_bias"] = caselib.snapshot(m.bias.grad)
        numbers[f"step{k}.running_mean"] = caselib.snapshot(getattr(m, "running_mean", None))
        numbers[f"step{k}.running_var"] = caselib.snapshot(getattr(m, "running_var", None))
        m.weight.grad = None
        m.bias.grad = None

    # Running statistics must be plain data: no graph hanging off them.
    history = {}
    for name in ("running_mean", "running_var"):
        t = getattr(m, name, None)
        history[f"{name}.requires_grad"] = bool(getattr(t, "requires_grad", False))
        history[f"{name}.has_grad_fn"] = getattr(t, "grad_fn", None) is not None

    m.eval()
    for j, e in enumerate(inputs["eval"], start=1):
        numbers[f"eval{j}.output"] = caselib.snapshot(ctx.call(m, own(e)))
    # Eval mode must leave the running statistics as they were after the last train step.
    numbers["eval.running_mean"] = caselib.snapshot(getattr(m, "running_mean", None))
    numbers["eval.running_var"] = caselib.snapshot(getattr(m, "running_var", None))

    # Structure first, then autograd history, then the numbers: the first failing key
    # is then the most basic problem.
    return {**structure, **history, **numbers}


def reference_entry():
    return torch.nn.BatchNorm1d


# ---------------------------------------------------------------------------------------
# Known mistakes. One class with switches; each suspect turns exactly one switch on.


class _WrongBatchNorm1d(nn.Module):
    biased_running_var = False
    reversed_momentum = False
    batch_stats_in_eval = False
    unbiased_normalization = False
    reduce_batch_dim_only = False
    flatten_without_transpose = False
    eps_outside_sqrt = False
    one_pass_variance = False

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        super().__init__()
        self.eps = eps
        self.momentum = momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def _stats(self, x):
        """(mean, biased var, unbiased var), each shaped to broadcast against x, plus the
        per-channel (C,) versions used for the running update."""
        c = x.shape[1]
        if x.dim() == 3 and self.flatten_without_transpose:
            x = x.reshape(-1, c)               # mixes channels: the classic layout slip
        if x.dim() == 3 and self.reduce_batch_dim_only:
            dims = (0,)
        else:
            dims = (0,) if x.dim() == 2 else (0, 2)
        n = 1
        for d in dims:
            n *= x.shape[d]
        mean = x.mean(dim=dims, keepdim=True)
        if self.one_pass_variance:
            var = (x * x).mean(dim=dims, keepdim=True) - mean * mean
        else:
            var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
        unbiased = var * (n / (n - 1))
        return mean, var, unbiased

    def forward(self, x):
        if x.dim() == 2 and (self.reduce_batch_dim_only or self.flatten_without_transpose):
            # These mistakes only exist for (N, C, L) input; on (N, C) they would equal the
            # right answer and "match" any near miss, so the suspect declines to run.
            raise ValueError("suspect applies to 3-D input only")
        c = x.shape[1]
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1)
        if self.training or self.batch_stats_in_eval:
            mean, var, unbiased = self._stats(x)
            with torch.no_grad():
                m = self.momentum
                batch_mean = mean.reshape(c, -1).mean(1) if mean.dim() == 3 else mean.reshape(-1)
                batch_var = (var if self.biased_running_var else unbiased)
                batch_var = batch_var.reshape(c, -1).mean(1) if batch_var.dim() == 3 else batch_var.reshape(-1)
                keep = m if self.reversed_momentum else 1 - m
                self.running_mean.copy_(keep * self.running_mean + (1 - keep) * batch_mean)
                self.running_var.copy_(keep * self.running_var + (1 - keep) * batch_var)
            if self.flatten_without_transpose and x.dim() == 3:
                mean = mean.reshape(-1)
                norm_var = (unbiased if self.unbiased_normalization else var).reshape(-1)
                x2 = x.reshape(-1, c)
                den = (norm_var.sqrt() + self.eps) if self.eps_outside_sqrt else (norm_var + self.eps).sqrt()
                x_hat = ((x2 - mean) / den).reshape(x.shape)
                return x_hat * self.weight.reshape(shape) + self.bias.reshape(shape)
            norm_var = unbiased if self.unbiased_normalization else var
        else:
            mean = self.running_mean.reshape(shape)
            norm_var = self.running_var.reshape(shape)
        if self.eps_outside_sqrt:
            den = torch.sqrt(norm_var) + self.eps
        else:
            den = torch.sqrt(norm_var + self.eps)
        return (x - mean) / den * self.weight.reshape(shape) + self.bias.reshape(shape)


def _suspect(**switches):
    return type("WrongBatchNorm1d", (_WrongBatchNorm1d,), switches)


SUSPECTS = [
    ("running_var was updated with the biased batch variance; PyTorch uses the unbiased one "
     "(divide by N·L − 1)",
     _suspect(biased_running_var=True)),
    ("the momentum is reversed: PyTorch updates running = (1 − momentum)·running + "
     "momentum·batch, so momentum=0.1 keeps 90 % of the old value",
     _suspect(reversed_momentum=True)),
    ("eval mode still uses the batch statistics: after m.eval() normalize with running_mean / "
     "running_var and leave them unchanged (check self.training)",
     _suspect(batch_stats_in_eval=True)),
    ("you normalized with the unbiased variance (÷ (n − 1)); the training-mode normalization "
     "uses the biased batch variance (÷ n), only running_var gets the unbiased one",
     _suspect(unbiased_normalization=True)),
    ("for (N, C, L) input the statistics are per channel over both N and L (dims 0 and 2); "
     "you reduced over N only",
     _suspect(reduce_batch_dim_only=True)),
    ("x.reshape(-1, C) on an (N, C, L) tensor mixes channels; reduce over dims (0, 2), or "
     "move C last first (x.transpose(1, 2).reshape(-1, C))",
     _suspect(flatten_without_transpose=True)),
    ("eps belongs inside the square root: (x − mean) / sqrt(var + eps), not "
     "/ (sqrt(var) + eps)",
     _suspect(eps_outside_sqrt=True)),
    ("the one-pass variance E[x²] − E[x]² cancels catastrophically when the mean is large "
     "compared to the spread; subtract the mean first, then square (two passes)",
     _suspect(one_pass_variance=True)),
]
