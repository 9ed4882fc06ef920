"""Hidden cases for eval_mode.

Each case builds a small model whose modules start in a given mix of train/eval flags
(a frozen BatchNorm in eval inside a model in train, say), decorates a recording function
with the learner's eval_mode, and checks: the wrapper's metadata, what the function saw
while it ran (every module in eval, grad disabled, its arguments), its return value, the
flags and grad mode afterwards, and the same after a call whose function raises.
"""

import contextlib
import functools
import random
from collections import OrderedDict

import torch
from torch import nn

NAMES = ("", "encoder", "encoder.fc", "encoder.drop", "norm", "head", "head.fc", "head.drop")


def random_params(rng: random.Random, index: int) -> dict:
    evals = [n for n in NAMES if rng.random() < 0.4]
    return {"eval": evals, "grad_before": rng.random() < 0.8, "x": rng.randint(2, 99),
            "scale": rng.randint(2, 9)}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    return {"args": [], "kwargs": {},
            "in_eval_before": list(params.get("eval", [])),
            "grad_enabled_before": bool(params.get("grad_before", True)),
            "x": int(params.get("x", 7)), "scale": int(params.get("scale", 3))}


def _model(in_eval) -> nn.Module:
    # Meta tensors: only the modules' flags matter here, no weights are needed.
    model = nn.Sequential(OrderedDict(
        encoder=nn.Sequential(OrderedDict(fc=nn.Linear(4, 8, device="meta"), drop=nn.Dropout(0.5))),
        norm=nn.BatchNorm1d(8, device="meta"),
        head=nn.Sequential(OrderedDict(fc=nn.Linear(8, 3, device="meta"), drop=nn.Dropout(0.1))),
    ))
    for name, m in model.named_modules():
        m.training = name not in in_eval   # set each flag alone, not recursively
    return model


def _modes(model) -> dict:
    return {(name or "<model>"): m.training for name, m in model.named_modules()}


class _Boom(Exception):
    pass


def call(entry, inputs: dict, ctx):
    out = {}
    grad_before = inputs["grad_enabled_before"]
    seen = {}

    def evaluate(model, x, scale=1):
        """Run the model on a validation batch."""
        seen["modes"] = _modes(model)
        seen["grad_enabled"] = torch.is_grad_enabled()
        seen["args"] = (x, scale)
        return {"metric": x * scale}

    def failing(model):
        """A step that fails half way."""
        seen["failing_modes"] = _modes(model)
        raise _Boom("validation crashed")

    prev = torch.is_grad_enabled()
    try:
        torch.set_grad_enabled(grad_before)
        wrapped = ctx.call(entry, evaluate)
        out["__name__"] = getattr(wrapped, "__name__", "<none>")
        out["__doc__"] = getattr(wrapped, "__doc__", "<none>")

        model = _model(inputs["in_eval_before"])
        result = ctx.call(wrapped, model, inputs["x"], scale=inputs["scale"])
        out["inside.modes"] = seen.get("modes", "the function was never called")
        out["inside.grad_enabled"] = seen.get("grad_enabled", "the function was never called")
        out["inside.args"] = list(seen.get("args", ("the function was never called",)))
        out["returned"] = result
        out["after.modes"] = _modes(model)
        out["after.grad_enabled"] = torch.is_grad_enabled()

        # Again on the same model: the wrapper must be reusable and still restore.
        seen.clear()
        result = ctx.call(wrapped, model, inputs["x"] + 1, scale=inputs["scale"])
        out["second_call.returned"] = result
        out["second_call.after.modes"] = _modes(model)

        # The function raises: the exception reaches the caller, the flags are restored.
        boom = ctx.call(entry, failing)
        model = _model(inputs["in_eval_before"])
        try:
            ctx.call(boom, model)
            out["exception.propagated"] = "no exception reached the caller (it was swallowed)"
        except _Boom:
            out["exception.propagated"] = "the function's exception reached the caller"
        out["exception.inside.modes"] = seen.get("failing_modes", "the function was never called")
        out["exception.after.modes"] = _modes(model)
        out["exception.after.grad_enabled"] = torch.is_grad_enabled()
    finally:
        torch.set_grad_enabled(prev)
    return out


# ------------------------------------------------------------------ known mistakes

def _decorator(*, restore="each", finally_=True, wraps=True, returns=True, no_grad=True):
    """eval_mode with one mistake switched on (the grad mode is handled by a `with` block)."""
    def eval_mode(fn):
        def wrapper(model, *args, **kwargs):
            flags = [(m, m.training) for m in model.modules()]
            root = model.training
            model.eval()

            def restore_all():
                if restore == "each":
                    for m, f in flags:
                        m.training = f
                elif restore == "train":
                    model.train()
                elif restore == "root":
                    model.train(root)

            grad = torch.no_grad() if no_grad else contextlib.nullcontext()
            if finally_:
                try:
                    with grad:
                        out = fn(model, *args, **kwargs)
                finally:
                    restore_all()
            else:
                with grad:
                    out = fn(model, *args, **kwargs)
                restore_all()
            return out if returns else None
        return functools.wraps(fn)(wrapper) if wraps else wrapper
    return eval_mode


SUSPECTS = [
    ("the modes were restored with model.train(): that switches EVERY submodule to train, "
     "including those that were in eval before (a frozen BatchNorm); save each module's "
     "own flag and put it back",
     _decorator(restore="train")),
    ("only the top module's flag was saved and restored (model.train(was_training)); that "
     "recursively overwrites every submodule; save and restore each module's flag",
     _decorator(restore="root")),
    ("the modes are not restored when the function raises: restore them in a `finally:` block",
     _decorator(finally_=False)),
    ("the wrapper hides the function's name and docstring: decorate it with @functools.wraps(fn)",
     _decorator(wraps=False)),
    ("the wrapper does not return the function's value (a missing `return`)",
     _decorator(returns=False)),
    ("the function still ran with autograd on: run it under `with torch.no_grad():` too",
     _decorator(no_grad=False)),
]
