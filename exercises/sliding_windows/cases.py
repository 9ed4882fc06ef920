"""Hidden cases for sliding_windows: the truth is x.unfold(-1, size, step).

Each case keeps x's storage as a contiguous `base` tensor plus a recipe for cutting x out of
it (offset, stride, transpose). call() cuts x from base both for the reference and for the
learner, so the float64 copy the engine makes for the reference (and for SUSPECTS) has the
very same strides and storage offset as the learner's input.
"""

import random

import torch

from dlquiz import caselib

LAYOUTS = ("contiguous", "offset", "strided", "transposed")


def random_params(rng: random.Random, index: int) -> dict:
    nlead = rng.choice((0, 0, 1, 2))
    lead = caselib.distinct_sizes(rng, nlead, 2, 5)
    T = rng.randint(6, 20)
    size = rng.randint(1, T)
    step = rng.randint(1, max(1, min(T, 6)))
    layout = LAYOUTS[index % len(LAYOUTS)]
    if layout == "transposed" and nlead == 0:
        lead = [rng.randint(2, 5)]
    return {"lead": lead, "T": T, "size": size, "step": step, "layout": layout,
            "dtype": "float32" if index % 2 == 0 else "float64"}


def build(params: dict, gen: torch.Generator, dtype: torch.dtype, device: str) -> dict:
    lead, T = [int(v) for v in params.get("lead", [])], int(params["T"])
    layout = params.get("layout", "contiguous")
    pad = int(params.get("pad", 3))
    if layout == "contiguous":
        base_shape = lead + [T]
    elif layout == "offset":
        base_shape = lead + [T + pad]              # x = base[..., pad:]
    elif layout == "strided":
        base_shape = lead + [2 * T + 1]            # x = base[..., 1::2]
    elif layout == "transposed":
        if not lead:
            raise ValueError("the transposed layout needs a leading dim")
        base_shape = lead[:-1] + [T + 1, lead[-1]]  # x = base[..., 1:, :].transpose(-1, -2)
    else:
        raise ValueError(f"unknown layout {layout!r}")
    base = caselib.randn(base_shape, gen, dtype, device)
    inputs = {"args": [], "kwargs": {}, "base": base, "layout": layout, "pad": pad,
              "size": int(params["size"]), "step": int(params["step"])}
    # "x" is only there so that the verdict describes the input as the learner sees it
    # (call() always cuts x afresh from base).
    x = _cut(inputs)
    return {"x": x, "size": inputs["size"], "step": inputs["step"], "storage_offset": x.storage_offset(),
            **inputs}


def _cut(inputs: dict) -> torch.Tensor:
    base, layout = inputs["base"], inputs["layout"]
    if layout == "contiguous":
        return base
    if layout == "offset":
        return base[..., inputs["pad"]:]
    if layout == "strided":
        return base[..., 1::2]
    return base[..., 1:, :].transpose(-1, -2)


def _strides_text(t: torch.Tensor) -> tuple:
    # A dim of size 1 can have any stride without changing which elements are read.
    return tuple(s if n > 1 else None for n, s in zip(t.shape, t.stride()))


def call(entry, inputs: dict, ctx):
    x = _cut(inputs)
    size, step = inputs["size"], inputs["step"]
    out = ctx.call(entry, x, size, step)
    if not isinstance(out, torch.Tensor):
        return {"windows": out}
    same_storage = out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
    view = ("shares x's storage" if same_storage else
            "new storage: the result is a copy, not a view of x")
    want = _strides_text(x.unfold(-1, size, step))
    got = _strides_text(out)
    strides = ("as x.unfold" if got == want or out.shape != x.unfold(-1, size, step).shape else
               f"strides {got}, but x.unfold(-1, {size}, {step}) has {want} "
               f"(x.stride() = {tuple(x.stride())})")
    return {"windows": out, "view": view, "strides": strides}


def reference_entry():
    return lambda x, size, step: x.unfold(-1, size, step)


# ------------------------------------------------------------------ known mistakes

def _count(x, size, step):
    return (x.shape[-1] - size) // step + 1


def _contiguous_strides(x, size, step):
    if x.is_contiguous():
        raise ValueError("x is contiguous here: assuming it is changes nothing")
    lead = x.shape[:-1]
    s = [1]
    for n in reversed(x.shape):
        s.insert(0, s[0] * n)
    lead_strides = tuple(s[1:-1])
    return torch.as_strided(x, tuple(lead) + (_count(x, size, step), size),
                            lead_strides + (step, 1), x.storage_offset())


def _no_offset(x, size, step):
    if x.storage_offset() == 0:
        raise ValueError("no storage offset here")
    st = x.stride()
    return torch.as_strided(x, tuple(x.shape[:-1]) + (_count(x, size, step), size),
                            tuple(st[:-1]) + (step * st[-1], st[-1]), 0)


def _windows_with_count(n):
    def fn(x, size, step):
        k = n(x.shape[-1], size, step)
        if k == _count(x, size, step) or k <= 0:
            raise ValueError("same count")
        st = x.stride()
        return torch.as_strided(x, tuple(x.shape[:-1]) + (k, size),
                                tuple(st[:-1]) + (step * st[-1], st[-1]), x.storage_offset())
    return fn


def _step_as_stride_only(x, size, step):
    if x.stride(-1) == 1 or step == 1:
        raise ValueError("identical when the last stride is 1")
    st = x.stride()
    return torch.as_strided(x, tuple(x.shape[:-1]) + (_count(x, size, step), size),
                            tuple(st[:-1]) + (step, st[-1]), x.storage_offset())


SUSPECTS = [
    ("the strides assume x is contiguous: x here is a slice or a transpose, so build them from "
     "x.stride() (window dim: step * x.stride(-1), element dim: x.stride(-1), leading dims: as in x)",
     _contiguous_strides),
    ("the windows start at the beginning of the storage: as_strided's offset counts from the "
     "storage, not from x, so pass x.storage_offset() (or leave it out)",
     _no_offset),
    ("one window too few: there are (T - size) // step + 1 windows (the first starts at 0)",
     _windows_with_count(lambda T, size, step: (T - size) // step)),
    ("the window count is off: there are (T - size) // step + 1 windows, not T // step",
     _windows_with_count(lambda T, size, step: T // step)),
    ("the window count is off: there are (T - size) // step + 1 windows, not (T - size + 1) // step",
     _windows_with_count(lambda T, size, step: (T - size + 1) // step)),
    ("the window dim moves by `step` elements of storage, but x's own elements are "
     "x.stride(-1) apart: its stride is step * x.stride(-1)",
     _step_as_stride_only),
]
