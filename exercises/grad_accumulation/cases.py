"""Hidden cases for grad_accumulation.

call() builds a fresh small MLP from the case's weights (so the expected and the learner's
runs never share a model), optionally leaves stale gradients in .grad, runs the entry, and
returns every parameter's .grad. The truth is one full-batch backward in float64. A forward
pre-hook records the batch sizes the model sees: a learner's run that feeds it more than
micro_batch samples at once is reported, since that is what accumulation exists to avoid.
"""

import random

import torch
from torch import nn

from dlquiz import caselib
from dlquiz.guards import LearnerFault


class _Labelled(dict):
    """A dict of tensors that describes itself in one short line in a verdict."""

    def __init__(self, label, items):
        super().__init__(items)
        self.label = label

    def __repr__(self):
        return self.label


def random_params(rng: random.Random, index: int) -> dict:
    n = rng.randint(5, 20)
    mb = rng.randint(2, n - 1)
    if n % mb == 0 and rng.random() < 0.7:
        mb = max(2, mb - 1) if n % max(2, mb - 1) else mb + 1   # prefer an uneven last batch
    d, h, k = caselib.distinct_sizes(rng, 3, 2, 7)
    return {
        "n": n, "micro_batch": min(mb, n), "d": d, "h": h, "k": k,
        "loss": rng.choice(("mse", "ce")),
        "stale": rng.random() < 0.8,
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, d, h, k = (int(params[key]) for key in ("n", "d", "h", "k"))

    def rnd(shape, scale=1.0):
        return caselib.randn(shape, gen, dtype, device, scale=scale)

    weights = _Labelled(f"Linear({d}, {h}) → Tanh → Linear({h}, {k})", {
        "0.weight": rnd((h, d), d ** -0.5), "0.bias": rnd((h,), 0.5),
        "2.weight": rnd((k, h), h ** -0.5), "2.bias": rnd((k,), 0.5)})
    x = rnd((n, d))
    if params.get("loss", "mse") == "ce":
        y = torch.randint(0, k, (n,), generator=gen).to(device)
    else:
        y = rnd((n, k))
    # Gradients left over from an earlier step, of the size of real gradients.
    stale = _Labelled("stale values in every .grad", {name: rnd(w.shape) for name, w in weights.items()}) \
        if params.get("stale", True) else "None (a fresh model)"
    return {
        "args": [], "kwargs": {},
        "inputs": x, "targets": y, "micro_batch": int(params["micro_batch"]),
        "loss": params.get("loss", "mse"), "model": weights, "stale_grads": stale,
    }


def _model(inputs: dict, ctx) -> nn.Module:
    w = inputs["model"]
    d, h, k = w["0.weight"].shape[1], w["0.weight"].shape[0], w["2.weight"].shape[0]
    model = nn.Sequential(nn.Linear(d, h), nn.Tanh(), nn.Linear(h, k)).to(dtype=ctx.dtype, device=ctx.device)
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.copy_(w[name])
    if isinstance(inputs.get("stale_grads"), dict):
        for name, p in model.named_parameters():
            p.grad = inputs["stale_grads"][name].to(dtype=ctx.dtype, device=ctx.device).clone()
    return model


def call(entry, inputs: dict, ctx):
    model = _model(inputs, ctx)
    loss_fn = nn.CrossEntropyLoss() if inputs["loss"] == "ce" else nn.MSELoss()
    x = inputs["inputs"].to(dtype=ctx.dtype)
    y = inputs["targets"] if inputs["loss"] == "ce" else inputs["targets"].to(dtype=ctx.dtype)
    mb = inputs["micro_batch"]
    seen = []
    model.register_forward_pre_hook(lambda module, args: seen.append(int(args[0].shape[0])))
    ctx.call(entry, model, loss_fn, x, y, mb)
    if not ctx.is_reference and seen and max(seen) > mb:
        raise LearnerFault(
            "forbidden",
            f"runs the model on {max(seen)} samples at once, but micro_batch is {mb}: the point "
            f"of accumulation is that only micro_batch samples go through the model at a time "
            f"(batch sizes seen: {seen[:8]})")
    grads = {}
    for name, p in model.named_parameters():
        g = p.grad
        grads[f"{name}.grad"] = "None (no gradient)" if g is None else g.detach().clone()
    return grads


def _full_batch(model, loss_fn, inputs, targets, micro_batch):
    model.zero_grad(set_to_none=True)
    with torch.enable_grad():
        loss_fn(model(inputs), targets).backward()


def reference_entry():
    return _full_batch


# ---------------------------------------------------------------------------------------
# Known mistakes: one accumulation loop with switches, each suspect turns exactly one on.


def _wrong(model, loss_fn, inputs, targets, micro_batch, *, per_chunk_count=False,
           no_scale=False, zero_in_loop=False, no_zero=False, nominal_size=False):
    n = inputs.shape[0]
    chunks = list(range(0, n, micro_batch))
    # A suspect that would equal the right answer on this case declines (raises).
    if len(chunks) == 1 and not no_zero:
        raise ValueError("one chunk: these mistakes do not show")
    if (per_chunk_count or nominal_size) and n % micro_batch == 0:
        raise ValueError("equal chunks: this mistake does not show")
    if no_zero and all(p.grad is None for p in model.parameters()):
        raise ValueError("no stale gradients: this mistake does not show")
    if not no_zero:
        model.zero_grad(set_to_none=True)
    for start in chunks:
        xb, yb = inputs[start:start + micro_batch], targets[start:start + micro_batch]
        if zero_in_loop:
            model.zero_grad(set_to_none=True)
        with torch.enable_grad():
            loss = loss_fn(model(xb), yb)
        if per_chunk_count:
            loss = loss / len(chunks)
        elif nominal_size:
            loss = loss * micro_batch / n
        elif not no_scale:
            loss = loss * xb.shape[0] / n
        loss.backward()


def _suspect(**switches):
    return lambda *a: _wrong(*a, **switches)


SUSPECTS = [
    ("each micro-batch loss was divided by the number of micro-batches; with an uneven last "
     "micro-batch that weights its samples too much: scale each loss by its size / N",
     _suspect(per_chunk_count=True)),
    ("the micro-batch losses were not scaled: summing k per-batch means gives about k times "
     "the full-batch mean; scale each by its size / N",
     _suspect(no_scale=True)),
    ("the gradients were zeroed inside the loop, so only the last micro-batch's gradient is "
     "left: zero once, before the loop",
     _suspect(zero_in_loop=True)),
    ("the stale gradients already in .grad were not cleared first: backward() adds to .grad, "
     "so zero it (or set it to None) before the first micro-batch",
     _suspect(no_zero=True)),
    ("every micro-batch was scaled by micro_batch / N, but the last one is smaller: scale by "
     "its actual size / N",
     _suspect(nominal_size=True)),
]
