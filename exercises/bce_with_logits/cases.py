"""Hidden cases for bce_with_logits: F.binary_cross_entropy_with_logits.

params:
  shape:      shape of logits and target; pos_weight (if any) has shape (shape[-1],)
  pos_weight: bool, per-class weights of the positive term in [0.3, 4]
  soft:       soft targets in [0, 1] instead of hard 0/1 labels
  reduction:  mean | sum | none
  scale:      logit scale (100 for the overflow cases)
  layout:     layout of logits and target
"""

import random

import torch
import torch.nn.functional as F

from dlquiz import caselib


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((1, 2, 2, 3))
    params = {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "pos_weight": rank >= 2 and rng.random() < 0.6,
        "soft": rng.random() < 0.4,
        "reduction": ("mean", "sum", "none")[index % 3],
        "scale": rng.choice((1.0, 3.0, 8.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if index % 2 == 0 else "float64",
    }
    if index >= 24:
        # Cases 24-39 leave the dtype to the spec's cycle (dtypes[index % 4]): on CUDA runs,
        # and in dev check, cases 26, 27, 30, 31 ... are float16 / bfloat16. Their logits stay
        # below ~10 (scale 1, 2 or 3): for x << 0 the stable form adds (1 − t)·x to a
        # softplus of about −x, so a soft target loses ~eps·|x| to cancellation.
        del params["dtype"]
        params["scale"] = {8.0: 2.0}.get(params["scale"], params["scale"])
    return params


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    logits = caselib.randn(shape, gen, torch.float64, "cpu", scale=float(params.get("scale", 2.0)))
    if params.get("peaky"):
        # Make sure both hard labels meet both signs of a huge logit.
        logits = torch.where(logits >= 0, 100.0, -100.0) + caselib.randn(shape, gen, torch.float64, "cpu")
    if params.get("soft"):
        target = caselib.rand(shape, gen, torch.float64, "cpu")
    else:
        target = (torch.rand(tuple(shape), generator=gen, dtype=torch.float64) < 0.5).to(torch.float64)
    lay = params.get("layout", "contiguous")
    logits = caselib.layout(logits.to(dtype=dtype, device=device), lay, gen)
    target = caselib.layout(target.to(dtype=dtype, device=device), lay, gen)
    kwargs = {}
    if params.get("pos_weight"):
        kwargs["pos_weight"] = caselib.rand([shape[-1]], gen, dtype, device, lo=0.3, hi=4.0)
    if "reduction" in params:
        kwargs["reduction"] = params["reduction"]
    return {"args": [logits, target], "kwargs": kwargs}


def reference_entry():
    def bce_with_logits(logits, target, pos_weight=None, reduction="mean"):
        return F.binary_cross_entropy_with_logits(logits, target, pos_weight=pos_weight,
                                                  reduction=reduction)
    return bce_with_logits


class NotThisCase(Exception):
    pass


def _reduce(loss, reduction, norm="numel"):
    if reduction == "none":
        if norm != "numel":
            raise NotThisCase
        return loss
    if reduction == "sum":
        if norm != "numel":
            raise NotThisCase
        return loss.sum()
    if norm == "sum":
        if loss.numel() == 1:
            raise NotThisCase
        return loss.sum()
    if norm == "batch":
        if loss.dim() < 2:
            raise NotThisCase
        return loss.sum() / loss.shape[0]
    return loss.mean()


def _wrong(x, t, pos_weight=None, reduction="mean", *, naive=False, neg_weight=False,
           norm="numel", sign=False):
    pw = pos_weight if pos_weight is not None else torch.ones((), dtype=x.dtype, device=x.device)
    if naive:
        # The learner's sigmoid/log run in float32 in a float32 case: redo them there.
        x32, t32, pw32 = x.to(torch.float32), t.to(torch.float32), pw.to(torch.float32)
        s = torch.sigmoid(x32)
        loss = -(pw32 * t32 * torch.log(s) + (1 - t32) * torch.log(1 - s))
        if bool(torch.isfinite(loss).all()) and bool((x.abs() < 15).all()):
            raise NotThisCase
        return _reduce(loss.to(x.dtype), reduction)
    log_sig = F.logsigmoid(x)
    log_one_minus = F.logsigmoid(-x)
    if neg_weight:
        if pos_weight is None:
            raise NotThisCase
        loss = -(t * log_sig + pw * (1 - t) * log_one_minus)
    elif sign:
        loss = x.clamp(min=0) + x * t + torch.log1p(torch.exp(-x.abs()))
        if pos_weight is not None:
            raise NotThisCase
    else:
        loss = -(pw * t * log_sig + (1 - t) * log_one_minus)
    return _reduce(loss, reduction, norm)


def _suspect(**knobs):
    return lambda logits, target, pos_weight=None, reduction="mean": _wrong(
        logits, target, pos_weight, reduction, **knobs)


SUSPECTS = [
    ("log(sigmoid(x)) and log(1 − sigmoid(x)) overflow to −inf for large |x| (1 − sigmoid(100) "
     "is exactly 0): use the stable form max(x, 0) − x·t + log(1 + exp(−|x|))",
     _suspect(naive=True)),
    ("pos_weight multiplies the positive term only: −[pw·t·log σ(x) + (1 − t)·log(1 − σ(x))]; "
     "you put it on the negatives",
     _suspect(neg_weight=True)),
    ("reduction='mean' averages over every element; you returned the sum",
     _suspect(norm="sum")),
    ("reduction='mean' averages over every element, not over the batch dim only",
     _suspect(norm="batch")),
    ("the sign of x·t is wrong: the stable form is max(x, 0) − x·t + log(1 + exp(−|x|))",
     _suspect(sign=True)),
]
