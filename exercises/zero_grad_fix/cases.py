"""Hidden cases for zero_grad_fix.

Each case builds a small MLP (Linear -> Tanh -> Linear) with fixed weights in the case
dtype, hands it to `train` together with a list of batches, and compares the per-step
losses and the final parameters with the loop that clears the gradients every step.
"""

import random

import torch
import torch.nn.functional as F
from torch import nn

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    d_in, hidden, d_out = caselib.distinct_sizes(rng, 3, 2, 8)
    return {
        "d_in": d_in, "hidden": hidden, "d_out": d_out,
        "n": rng.randint(3, 8),
        "n_batches": rng.randint(1, 3),
        "steps": rng.randint(2, 6),
        "lr": rng.choice([0.05, 0.1, 0.2]),
        "momentum": rng.choice([0.0, 0.0, 0.5, 0.9]),
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    d_in, hidden, d_out = int(params["d_in"]), int(params["hidden"]), int(params["d_out"])
    n = int(params.get("n", 4))
    weights = {
        "0.weight": caselib.randn([hidden, d_in], gen, dtype, device, scale=d_in ** -0.5),
        "0.bias": caselib.randn([hidden], gen, dtype, device, scale=0.3),
        "2.weight": caselib.randn([d_out, hidden], gen, dtype, device, scale=hidden ** -0.5),
        "2.bias": caselib.randn([d_out], gen, dtype, device, scale=0.3),
    }
    batches = []
    for _ in range(int(params.get("n_batches", 1))):
        x = caselib.randn([n, d_in], gen, dtype, device)
        y = caselib.randn([n, d_out], gen, dtype, device)
        batches.append((x, y))
    return {
        "args": [], "kwargs": {},
        "weights": weights, "batches": batches,
        "lr": float(params.get("lr", 0.1)), "steps": int(params.get("steps", 3)),
        "momentum": float(params.get("momentum", 0.0)),
    }


def _model(inputs: dict, ctx) -> nn.Module:
    w = inputs["weights"]
    d_out, hidden = w["2.weight"].shape
    d_in = w["0.weight"].shape[1]
    model = nn.Sequential(nn.Linear(d_in, hidden), nn.Tanh(), nn.Linear(hidden, d_out))
    model = model.to(device=ctx.device, dtype=ctx.dtype)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(w[name])
    return model


def _run(entry, inputs: dict, ctx):
    model = _model(inputs, ctx)
    batches = [(x.to(ctx.dtype), y.to(ctx.dtype)) for x, y in inputs["batches"]]
    losses = ctx.call(entry, model, batches, inputs["lr"], inputs["steps"], momentum=inputs["momentum"])
    out = {"losses": losses if not isinstance(losses, tuple) else list(losses)}
    for name, p in model.named_parameters():
        out[f"final {name}"] = p.detach().clone()
    return out


def call(entry, inputs: dict, ctx):
    return _run(entry, inputs, ctx)


# ---------------------------------------------------------------------------------------
# Known mistakes, each a whole (wrong) training loop.


def _no_zero_grad(model, batches, lr, steps, momentum=0.0):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def _zero_between(model, batches, lr, steps, momentum=0.0):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.zero_grad()
        opt.step()
        losses.append(loss.item())
    return losses


def _fresh_optimizer(model, batches, lr, steps, momentum=0.0):
    if momentum == 0:
        raise ValueError("without momentum a fresh optimizer per step changes nothing")
    losses = []
    for step in range(steps):
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
        x, y = batches[step % len(batches)]
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def _loss_after_step(model, batches, lr, steps, momentum=0.0):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(F.mse_loss(model(x), y).item())
    return losses


SUSPECTS = [
    ("the gradients accumulate across steps: .backward() adds into p.grad, so step k uses "
     "the sum of the gradients of steps 1..k; call optimizer.zero_grad() once per step, "
     "before loss.backward()",
     lambda model, batches, lr, steps, momentum=0.0: _no_zero_grad(model, batches, lr, steps, momentum)),
    ("zero_grad() runs between backward() and step(), so step() sees empty gradients and "
     "the parameters never move; clear the gradients before backward(), not after it",
     lambda model, batches, lr, steps, momentum=0.0: _zero_between(model, batches, lr, steps, momentum)),
    ("a new optimizer is built inside the loop, which throws away the momentum buffer every "
     "step; build it once, before the loop",
     lambda model, batches, lr, steps, momentum=0.0: _fresh_optimizer(model, batches, lr, steps, momentum)),
    ("the recorded loss is measured after the update; record the loss that backward() was "
     "called on",
     lambda model, batches, lr, steps, momentum=0.0: _loss_after_step(model, batches, lr, steps, momentum)),
]
