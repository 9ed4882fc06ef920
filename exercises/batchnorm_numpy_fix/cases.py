"""Hidden cases for batchnorm_numpy_fix.

Inputs are built as CPU tensors and handed to the learner as NumPy arrays that share their
memory, so the engine's snapshot of the tensors still sees an array modified in place.
The truth is torch.nn.functional.batch_norm (which updates the running statistics the way
nn.BatchNorm1d does), computed in float64.
"""

import functools
import inspect
import random

import numpy as np
import torch
import torch.nn.functional as F

from dlquiz import caselib
from dlquiz.guards import LearnerFault

# 0.5 is left out on purpose: with m = 0.5 a reversed momentum would go unnoticed.
MOMENTA = (0.1, 0.2, 0.3, 0.05)
EPSES = (1e-5, 1e-5, 1e-3)
NAMES = ("out", "running_mean", "running_var")


def random_params(rng: random.Random, index: int) -> dict:
    n, d = caselib.distinct_sizes(rng, 2, 2, 9)
    return {
        "n": n, "d": d,
        "training": index % 3 != 2,
        "momentum": rng.choice(MOMENTA),
        "eps": rng.choice(EPSES),
        "shift": round(rng.uniform(-1.0, 1.0), 3),
        "scale": rng.choice((0.5, 1.0, 2.0)),
        "layout": ("contiguous", "transposed")[(index // 3) % 2],
        "dtype": "float32" if index % 2 == 0 else "float64",
    }


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    """x (N, D) with exactly chosen per-feature batch means and stds, plus parameters and
    running statistics away from their initial values (so a mix-up shows)."""
    f64 = torch.float64
    n, d = int(params["n"]), int(params["d"])
    z = caselib.standardized((n, d), gen, 0)
    std = float(params.get("scale", 1.0)) * torch.exp(0.2 * caselib.randn((d,), gen, f64, "cpu"))
    if params.get("tiny_feature") is not None:
        std[int(params["tiny_feature"])] = float(params["tiny_std"])
    mean = float(params.get("shift", 0.0)) + caselib.randn((d,), gen, f64, "cpu")
    x = z * std + mean
    gamma = caselib.randn((d,), gen, f64, "cpu", scale=0.5, shift=1.0)
    beta = caselib.randn((d,), gen, f64, "cpu", scale=0.5)
    # Running statistics as after some training: near, but not at, this batch's.
    running_mean = mean + 0.5 * caselib.randn((d,), gen, f64, "cpu")
    running_var = std ** 2 * torch.exp(0.3 * caselib.randn((d,), gen, f64, "cpu"))

    def own(t):
        return t.to(dtype=dtype, device="cpu")

    x = caselib.layout(own(x), params.get("layout", "contiguous"), gen)
    kwargs = {}
    if params.get("momentum") is not None:
        kwargs["momentum"] = float(params["momentum"])
    if params.get("eps") is not None:
        kwargs["eps"] = float(params["eps"])
    args = [x, own(gamma), own(beta), own(running_mean), own(running_var), bool(params.get("training", True))]
    return {"args": args, "kwargs": kwargs}


def _as_numpy(value):
    # .numpy() shares memory with the tensor: an in-place write to the array changes the
    # tensor too, and the engine's input snapshot reports it.
    return value.numpy() if isinstance(value, torch.Tensor) else value


def call(entry, inputs: dict, ctx):
    if not ctx.is_reference:
        # The notes' function has no momentum parameter; say so plainly rather than let the
        # TypeError surface as if it came from the tests' use of the result.
        try:
            inspect.signature(entry).bind(*inputs["args"], **inputs["kwargs"])
        except TypeError as exc:
            shown = ", ".join(["x", "gamma", "beta", "running_mean", "running_var", "training"]
                              + [f"{k}={v!r}" for k, v in inputs["kwargs"].items()])
            raise LearnerFault("error", f"TypeError: {exc}: the tests call "
                                        f"{getattr(entry, '__name__', 'batchnorm_forward')}({shown})") from None
        except ValueError:
            pass  # no signature to check (a builtin or C function): just call it
    @functools.wraps(entry)  # keeps the entry's signature, so a verdict names the arguments
    def with_arrays(*args, **kwargs):
        return entry(*[_as_numpy(a) for a in args], **{k: _as_numpy(v) for k, v in kwargs.items()})

    return caselib.named(ctx.call(with_arrays, *inputs["args"], **inputs["kwargs"]), NAMES)


def _torch_truth(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    def t(a):
        return torch.from_numpy(np.array(a, copy=True))

    rm, rv = t(running_mean), t(running_var)
    # F.batch_norm updates rm and rv in place in training mode, exactly like nn.BatchNorm1d.
    out = F.batch_norm(t(x), rm, rv, t(gamma), t(beta), training=bool(training), momentum=momentum, eps=eps)
    return out.numpy(), rm.numpy(), rv.numpy()


def reference_entry():
    return _torch_truth


# ---------------------------------------------------------------------------------------
# Known mistakes: one NumPy function with switches, each suspect turns exactly one on.


def _wrong(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5, *,
           reversed_momentum=False, biased_running_var=False, batch_stats_in_eval=False,
           eps_outside_sqrt=False, unbiased_normalization=False, no_update=False):
    n = x.shape[0]
    # A suspect that would equal the right answer on this case declines (raises).
    if not training and (reversed_momentum or biased_running_var or unbiased_normalization or no_update):
        raise ValueError("a training-mode mistake: does not show in eval")
    if training and batch_stats_in_eval:
        raise ValueError("an eval-mode mistake: does not show in training")
    if training or batch_stats_in_eval:
        mean = x.mean(axis=0)
        var = ((x - mean) ** 2).mean(axis=0)
        keep = momentum if reversed_momentum else 1 - momentum
        run_var = var if biased_running_var else var * n / (n - 1)
        if no_update:
            new_mean, new_var = running_mean.copy(), running_var.copy()
        else:
            new_mean = keep * running_mean + (1 - keep) * mean
            new_var = keep * running_var + (1 - keep) * run_var
        norm_var = var * n / (n - 1) if unbiased_normalization else var
    else:
        mean, norm_var = running_mean, running_var
        new_mean, new_var = running_mean.copy(), running_var.copy()
    den = np.sqrt(norm_var) + eps if eps_outside_sqrt else np.sqrt(norm_var + eps)
    return gamma * (x - mean) / den + beta, new_mean, new_var


def _suspect(**switches):
    return lambda *a, **k: _wrong(*a, **k, **switches)


SUSPECTS = [
    ("the momentum is reversed: PyTorch updates running = (1 − momentum)·running + "
     "momentum·batch, so momentum=0.1 keeps 90 % of the old value (the notes, like Keras, "
     "weight the old value by momentum)",
     _suspect(reversed_momentum=True)),
    ("running_var was updated with the biased batch variance (np.var); PyTorch uses the "
     "unbiased one, var · N / (N − 1)",
     _suspect(biased_running_var=True)),
    ("eval mode (training=False) still uses the batch statistics: normalize with running_mean "
     "and running_var and return them unchanged",
     _suspect(batch_stats_in_eval=True)),
    ("eps belongs inside the square root: (x − mean) / sqrt(var + eps), not / (sqrt(var) + eps)",
     _suspect(eps_outside_sqrt=True)),
    ("the output was normalized with the unbiased variance; the training output uses the "
     "biased batch variance (÷ N), only running_var gets the unbiased one",
     _suspect(unbiased_normalization=True)),
    ("the running statistics were returned unchanged in training mode: they must move towards "
     "the batch statistics",
     _suspect(no_update=True)),
]
