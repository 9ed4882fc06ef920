"""Hidden cases for eval_inference_fix.

Each case builds Linear -> BatchNorm1d -> ReLU -> Dropout -> Linear (optionally wrapped in
an outer Sequential) with fixed weights and running statistics, puts it in a given mode,
calls predict, and records: whether the BatchNorm statistics were left alone, the output,
whether it carries autograd history, and every module's training flag afterwards.
"""

import random

import torch
from torch import nn

from dlquiz import caselib

MODES = ("train", "train", "eval", "frozen_bn")


def random_params(rng: random.Random, index: int) -> dict:
    d_in, hidden, d_out = caselib.distinct_sizes(rng, 3, 2, 9)
    return {"n": rng.randint(1, 7), "d_in": d_in, "hidden": hidden, "d_out": d_out,
            "p": rng.choice([0.3, 0.5]), "mode": MODES[index % len(MODES)],
            "nested": rng.random() < 0.3}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    n, d_in, hidden, d_out = (int(params[k]) for k in ("n", "d_in", "hidden", "d_out"))
    x = caselib.randn([n, d_in], gen, dtype, device)
    return {
        # x is kept out of "args" (call() passes it), so the verdict names it x, not model.
        "args": [],
        "kwargs": {},
        "x": x,
        "mode": params.get("mode", "train"),
        "nested": bool(params.get("nested", False)),
        "w1": caselib.randn([hidden, d_in], gen, dtype, device, scale=d_in ** -0.5),
        "b1": caselib.randn([hidden], gen, dtype, device, scale=0.3),
        "running_mean": caselib.randn([hidden], gen, dtype, device, scale=0.5),
        "running_var": caselib.rand([hidden], gen, dtype, device, lo=0.5, hi=2.0),
        "bn_weight": caselib.randn([hidden], gen, dtype, device, scale=0.3, shift=1.0),
        "bn_bias": caselib.randn([hidden], gen, dtype, device, scale=0.3),
        "w2": caselib.randn([d_out, hidden], gen, dtype, device, scale=hidden ** -0.5),
        "b2": caselib.randn([d_out], gen, dtype, device, scale=0.3),
        "p": float(params.get("p", 0.5)),
    }


def _model(inputs: dict, ctx):
    hidden, d_in = inputs["w1"].shape
    d_out = inputs["w2"].shape[0]
    body = nn.Sequential(nn.Linear(d_in, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
                         nn.Dropout(inputs["p"]), nn.Linear(hidden, d_out))
    model = nn.Sequential(body) if inputs["nested"] else body
    model = model.to(device=ctx.device, dtype=ctx.dtype)
    with torch.no_grad():
        body[0].weight.copy_(inputs["w1"])
        body[0].bias.copy_(inputs["b1"])
        body[1].weight.copy_(inputs["bn_weight"])
        body[1].bias.copy_(inputs["bn_bias"])
        body[1].running_mean.copy_(inputs["running_mean"])
        body[1].running_var.copy_(inputs["running_var"])
        body[4].weight.copy_(inputs["w2"])
        body[4].bias.copy_(inputs["b2"])
    mode = inputs["mode"]
    model.train(mode != "eval")
    if mode == "frozen_bn":
        body[1].eval()  # fine-tuning with frozen BatchNorm statistics
    return model, body[1]


def call(entry, inputs: dict, ctx):
    model, bn = _model(inputs, ctx)
    before = [bn.running_mean.clone(), bn.running_var.clone(), bn.num_batches_tracked.clone()]
    out = ctx.call(entry, model, inputs["x"].to(ctx.dtype))
    after = [bn.running_mean, bn.running_var, bn.num_batches_tracked]
    unchanged = all(torch.equal(a, b) for a, b in zip(before, after))
    result = {"BatchNorm running stats unchanged by predict": unchanged}
    if not isinstance(out, torch.Tensor):
        result["output"] = out
        return result
    result["output"] = out.detach().clone()
    result["output.requires_grad (autograd history)"] = bool(out.requires_grad)
    result["training flag of each module after predict, in model.modules() order"] = [
        m.training for m in model.modules()]
    return result


def reference_entry():
    def predict(model, x):
        saved = {m: m.training for m in model.modules()}
        model.eval()
        with torch.no_grad():
            out = model(x)
        for m, flag in saved.items():
            m.training = flag
        return out
    return predict


# ---------------------------------------------------------------------------------------
# Known mistakes (deterministic ones only: a forward in training mode draws dropout masks).


def _no_no_grad(model, x):
    saved = {m: m.training for m in model.modules()}
    model.eval()
    out = model(x)
    for m, flag in saved.items():
        m.training = flag
    return out


def _never_restored(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


def _always_train(model, x):
    if model.training:
        raise ValueError("from train mode this is the model.train(was_training) suspect")
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out


def _top_flag_only(model, x):
    was = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.training = was
    return out


def _train_was(model, x):
    was = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was)
    return out


SUSPECTS = [
    ("the output still carries autograd history: run the forward under torch.no_grad() "
     "(or torch.inference_mode()) so no graph is built at inference",
     _no_no_grad),
    ("the model is left in eval mode after predict: remember the mode before calling "
     "eval() and restore it afterwards",
     _never_restored),
    ("predict ends with model.train() whatever the mode was before; a model that came in "
     "eval mode must leave in eval mode",
     _always_train),
    ("only the top-level flag was restored (model.training = ...); eval() set the flag of "
     "every submodule, so each submodule's flag has to be restored too",
     _top_flag_only),
    ("model.train(was_training) switches every submodule to one mode, which un-freezes a "
     "submodule that was deliberately in eval mode (here the BatchNorm); save and restore "
     "each module's own flag",
     _train_was),
]
