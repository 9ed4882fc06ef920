"""Hidden cases for entropy_kl: F.kl_div(input, target, reduction, log_target).

params:
  shape:      [N, C] or [N, C, d]: distributions along dim 1 (only the reduction cares)
  reduction:  batchmean | sum | mean | none  (missing = left at the default, 'mean')
  log_target: bool
  zeros:      put exact zeros into the target probabilities (never with log_target)
  sharp:      logit scale of the two distributions
  layout:     layout of input and target
"""

import random
import warnings

import torch
import torch.nn.functional as F

from dlquiz import caselib

REDUCTIONS = ("batchmean", "sum", "mean", "none")


def random_params(rng: random.Random, index: int) -> dict:
    rank = rng.choice((1, 2, 2, 3))
    log_target = rng.random() < 0.35
    return {
        "shape": caselib.distinct_sizes(rng, rank, 2, 9),
        "reduction": REDUCTIONS[index % 4],
        "log_target": log_target,
        "zeros": (not log_target) and rng.random() < 0.4,
        "sharp": rng.choice((1.0, 2.0, 4.0)),
        "layout": rng.choice(("contiguous", "contiguous", "transposed", "sliced")),
        "dtype": "float32" if (index // 4) % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    shape = list(params["shape"])
    cdim = 1 if len(shape) >= 2 else 0
    sharp = float(params.get("sharp", 2.0))
    f64 = torch.float64
    logp = torch.log_softmax(caselib.randn(shape, gen, f64, "cpu", scale=sharp), dim=cdim)
    q = torch.softmax(caselib.randn(shape, gen, f64, "cpu", scale=sharp), dim=cdim)
    if params.get("zeros"):
        # About a third of the target entries exactly 0, but every distribution keeps mass.
        drop = torch.rand(tuple(shape), generator=gen, dtype=f64) < 0.35
        top = q.argmax(dim=cdim, keepdim=True)
        drop.scatter_(cdim, top, False)
        q = q.masked_fill(drop, 0.0)
        q = q / q.sum(dim=cdim, keepdim=True)
    target = q.log() if params.get("log_target") else q
    lay = params.get("layout", "contiguous")
    inp = caselib.layout(logp.to(dtype=dtype, device=device), lay, gen)
    target = caselib.layout(target.to(dtype=dtype, device=device), lay, gen)
    kwargs = {}
    if "reduction" in params:
        kwargs["reduction"] = params["reduction"]
    if params.get("log_target"):
        kwargs["log_target"] = True
    return {"args": [inp, target], "kwargs": kwargs}


def reference_entry():
    def kl_div_loss(input, target, reduction="mean", log_target=False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 'mean' warns that it is not the true KL
            return F.kl_div(input, target, reduction=reduction, log_target=log_target)
    return kl_div_loss


class NotThisCase(Exception):
    pass


def _reduce(pw, input, reduction, norm=None):
    if norm is not None:
        if reduction != "batchmean" or input.dim() < 2:
            raise NotThisCase
        return pw.sum() / input.numel()
    if reduction == "none":
        return pw
    if reduction == "sum":
        return pw.sum()
    if reduction == "mean":
        return pw.sum() / input.numel()
    return pw.sum() / input.shape[0]


def _wrong(input, target, reduction="mean", log_target=False, *, swapped=False, norm=None,
           naive_zero=False, ignore_log_target=False, sign=False):
    if ignore_log_target:
        if not log_target:
            raise NotThisCase
        log_target = False
    if log_target:
        p, logq = target.exp(), target
    else:
        p, logq = target, torch.log(target)
    if swapped:
        if bool((p == 0).any()):
            raise NotThisCase
        pw = input.exp() * (input - logq)
    elif naive_zero:
        if log_target or not bool((target == 0).any()):
            raise NotThisCase
        pw = target * torch.log(target) - target * input
    elif sign:
        pw = -(torch.xlogy(p, p) - p * input) if not log_target else -(p * (target - input))
    elif ignore_log_target:
        pw = torch.xlogy(p, p) - p * input
    else:
        pw = torch.xlogy(p, p) - p * input if not log_target else p * (target - input)
    return _reduce(pw, input, reduction, norm)


def _suspect(**knobs):
    return lambda input, target, reduction="mean", log_target=False: _wrong(
        input, target, reduction, log_target, **knobs)


SUSPECTS = [
    ("input and target are swapped: F.kl_div(input, target) is KL(target ‖ exp(input)) = "
     "Σ t·(log t − input); KL is not symmetric",
     _suspect(swapped=True)),
    ("'batchmean' divides the sum by the batch size input.size(0), not by the number of "
     "elements (that is 'mean')",
     _suspect(norm="numel")),
    ("t·log t is 0·(−inf) = NaN where the target is 0; its limit is 0 (use torch.xlogy(t, t) "
     "or mask the zeros)",
     _suspect(naive_zero=True)),
    ("log_target=True means the target is already a log-probability: the pointwise term is "
     "exp(t)·(t − input)",
     _suspect(ignore_log_target=True)),
    ("the sign is flipped: the pointwise term is t·(log t − input), which sums to KL ≥ 0",
     _suspect(sign=True)),
]
