"""Hidden cases for cross_entropy_loss: F.cross_entropy with class-index targets.

params:
  shape:          [N, C, d1, ...]  (class dim is 1)
  weight:         bool, per-class weights in [0.2, 3]
  ignore:         number of targets set to ignore_index (0 = none, "all" = every target)
  ignore_index:   the value (default -100; may be a real class index)
  reduction:      mean | sum | none
  label_smoothing: float in [0, 1)
  scale:          logit scale (100 for the overflow case)
  layout:         layout of the logits (caselib.LAYOUTS)
  center:         move the max logit of every position to 0 (the loss is unchanged)
"""

import math
import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((2, 2, 3, 4))
    shape = caselib.distinct_sizes(rng, rank, 2, 9)
    params = {
        "shape": shape,
        "weight": rng.random() < 0.5,
        "ignore": rng.choice((0, 0, 1, 2)),
        "ignore_index": rng.choice((-100, -100, -1, 1)),
        "reduction": ("mean", "sum", "none")[index % 3],
        "label_smoothing": rng.choice((0.0, 0.0, 0.1, 0.3)),
        "scale": rng.choice((1.0, 3.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }
    if index >= 24:
        # Cases 24-39 leave the dtype to the spec's cycle (dtypes[index % 4]): on CUDA runs,
        # and in dev check, cases 26, 27, 30, 31 ... are float16 / bfloat16. Their logits are
        # centred (the max over the classes moved to 0, the same loss): log p = x − lse then
        # rounds at the size of log C rather than of the logits, so a confidently right
        # target's small loss is not swamped by the rounding of a large lse.
        del params["dtype"]
        params["center"] = True
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    n, c = shape[0], shape[1]
    tshape = [n] + shape[2:]
    logits = caselib.randn(shape, gen, dtype, device, scale=float(params.get("scale", 2.0)))
    if params.get("center"):
        x64 = logits.double()
        logits = (x64 - x64.amax(1, keepdim=True)).to(dtype)
    logits = caselib.layout(logits, params.get("layout", "contiguous"), gen)
    ii = int(params.get("ignore_index", -100))
    target = torch.randint(0, c, tuple(tshape), generator=gen)
    flat = target.view(-1)
    ignore = params.get("ignore", 0)
    if ignore == "all":
        flat.fill_(ii)
    else:
        if 0 <= ii < c:
            # ii is a real class: only the positions chosen below may hold it, so the
            # number of ignored targets is exactly `ignore`.
            flat[flat == ii] = (ii + 1) % c
        if ignore:
            pos = torch.randperm(flat.numel(), generator=gen)[: int(ignore)]
            flat[pos] = ii
    kwargs = {}
    if params.get("weight"):
        kwargs["weight"] = caselib.rand([c], gen, dtype, device, lo=0.2, hi=3.0)
    if "ignore_index" in params:
        kwargs["ignore_index"] = ii
    if "reduction" in params:
        kwargs["reduction"] = params["reduction"]
    if params.get("label_smoothing"):
        kwargs["label_smoothing"] = float(params["label_smoothing"])
    return {"args": [logits, target.to(device)], "kwargs": kwargs}


def reference_entry():
    def cross_entropy(logits, target, weight=None, ignore_index=-100, reduction="mean",
                      label_smoothing=0.0):
        return F.cross_entropy(logits, target, weight=weight, ignore_index=ignore_index,
                               reduction=reduction, label_smoothing=label_smoothing)
    return cross_entropy


# ---------------------------------------------------------------------------- suspects
# Each suspect is the right computation with one knob turned. A knob that makes no
# difference on a case raises NotThisCase, so it cannot match a near miss there.


class NotThisCase(Exception):
    pass


def _wrong(logits, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0,
           *, denom="weights", class_last=False, smooth_cm1=False, naive=False,
           hardcoded_ignore=False, unweighted_smooth=False):
    c = logits.shape[1]
    eps = float(label_smoothing)
    if class_last:
        if logits.dim() == 2:
            raise NotThisCase
        logp = logits.log_softmax(-1)  # the softmax over the last dim; the rest along dim 1
    elif naive:
        # The learner's exp() runs in float32 in a float32 case; redo it there.
        e = torch.exp(logits.to(torch.float32))
        if torch.isfinite(e).all() and (e.sum(1) > 0).all():
            raise NotThisCase
        logp = torch.log(e / e.sum(1, keepdim=True)).to(logits.dtype)
    else:
        logp = logits.log_softmax(1)
    if hardcoded_ignore:
        if ignore_index == -100:
            raise NotThisCase
        ignore_index = -100
    valid = target != ignore_index
    safe = torch.where(valid, target, torch.zeros_like(target))
    w = weight if weight is not None else torch.ones(logp.shape[1], dtype=logp.dtype, device=logp.device)
    wshape = [1, -1] + [1] * (logp.dim() - 2)
    nll = -logp.gather(1, safe.unsqueeze(1)).squeeze(1)
    w_t = w[safe]
    per = w_t * nll * valid
    if eps:
        if smooth_cm1:
            others = -(logp * w.reshape(wshape)).sum(1) - w_t * nll
            per = (1 - eps) * per + eps / (c - 1) * others * valid
        elif unweighted_smooth:
            if weight is None:
                raise NotThisCase
            per = (1 - eps) * per + eps / c * (-logp.sum(1)) * valid
        else:
            per = (1 - eps) * per + eps / c * (-(logp * w.reshape(wshape)).sum(1)) * valid
    elif smooth_cm1 or unweighted_smooth:
        raise NotThisCase
    if reduction == "none":
        if denom != "weights":
            raise NotThisCase
        return per
    if reduction == "sum":
        if denom != "weights":
            raise NotThisCase
        return per.sum()
    if denom == "count":
        if weight is None:
            raise NotThisCase
        return per.sum() / valid.sum()
    if denom == "all":
        if bool(valid.all()):
            raise NotThisCase
        return per.sum() / w_t.sum()
    return per.sum() / (w_t * valid).sum()


def _suspect(**knobs):
    return lambda logits, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0: \
        _wrong(logits, target, weight, ignore_index, reduction, label_smoothing, **knobs)


SUSPECTS = [
    ("with class weights, reduction='mean' divides by the sum of the weights of the non-ignored "
     "targets, Σ w[y_i], not by how many targets there are",
     _suspect(denom="count")),
    ("ignored targets still count in the mean's denominator: divide by the weights (or the "
     "number) of the non-ignored targets only",
     _suspect(denom="all")),
    ("the class dim is dim 1, also for (N, C, d1, ...) input; you took the softmax over the "
     "last dim",
     _suspect(class_last=True)),
    ("label smoothing spreads ε over all C classes, the target included: "
     "(1 − ε)·(−log p_y) + ε/C·Σ_c (−log p_c), not ε/(C − 1) over the other classes",
     _suspect(smooth_cm1=True)),
    ("the smoothing term must be weighted too: ε/C·Σ_c w_c·(−log p_c)",
     _suspect(unweighted_smooth=True)),
    ("exp() overflowed: log(softmax) computed as exp/sum/log is NaN for large logits; use "
     "x − logsumexp(x) (or subtract the max first)",
     _suspect(naive=True)),
    ("ignore_index is hard-coded as -100; use the ignore_index argument",
     _suspect(hardcoded_ignore=True)),
]


def bench_inputs(size: dict, dtype: torch.dtype, device: str, gen: torch.Generator) -> dict:
    """(N, C) logits and N class indices, the defaults otherwise (mean over the tokens)."""
    n, c = int(size["N"]), int(size["C"])
    logits = caselib.randn([n, c], gen, dtype, device, scale=2.0)
    target = torch.randint(0, c, (n,), generator=gen)
    return {"args": [logits, target.to(device)], "kwargs": {}}
