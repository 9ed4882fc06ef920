"""Helpers for exercise authors writing `cases.py` (imported only inside the worker).

Values are drawn on the CPU in float64 from a seeded generator and only then cast and
moved, so a case has the same numbers on every device and in every dtype.
"""

from __future__ import annotations

import random
from typing import Any, Sequence

import torch

from dlquiz.guards import is_ndarray

LAYOUTS = ("contiguous", "transposed", "sliced", "expanded")


def distinct_sizes(rng: random.Random, n: int, lo: int = 2, hi: int = 9) -> list[int]:
    """n different sizes in [lo, hi], so that code which swaps two axes fails loudly."""
    if hi - lo + 1 < n:
        raise ValueError(f"cannot draw {n} distinct sizes from [{lo}, {hi}]")
    return rng.sample(range(lo, hi + 1), n)


def generator(seed: int) -> torch.Generator:
    g = torch.Generator(device="cpu")
    g.manual_seed(seed & 0x7FFF_FFFF_FFFF_FFFF)
    return g


def randn(shape: Sequence[int], gen: torch.Generator, dtype: torch.dtype, device: str,
          scale: float = 1.0, shift: float = 0.0) -> torch.Tensor:
    """Normal values (float64 on the CPU, then cast), times `scale` plus `shift`."""
    x = torch.randn(tuple(shape), generator=gen, dtype=torch.float64) * scale + shift
    return x.to(dtype=dtype, device=device)


def rand(shape: Sequence[int], gen: torch.Generator, dtype: torch.dtype, device: str,
         lo: float = 0.0, hi: float = 1.0) -> torch.Tensor:
    x = torch.rand(tuple(shape), generator=gen, dtype=torch.float64) * (hi - lo) + lo
    return x.to(dtype=dtype, device=device)


def layout(x: torch.Tensor, kind: str, gen: torch.Generator | None = None) -> torch.Tensor:
    """The same values as `x` in another memory layout.

    - contiguous: a plain copy.
    - transposed: stored with the last two dims swapped, then viewed back (non-contiguous).
    - sliced:     every other element of a twice-as-long last dim (stride 2).
    - expanded:   only when some dim has size 1 it is expanded with stride 0; otherwise a
                  sliced layout is used (expanding changes values, so it is not forced).
    The result does not share memory with `x`.
    """
    if kind == "contiguous" or x.dim() == 0:
        return x.clone().contiguous()
    if kind == "transposed":
        if x.dim() < 2:
            return layout(x, "sliced", gen)
        return x.transpose(-1, -2).contiguous().transpose(-1, -2)
    if kind == "sliced":
        shape = list(x.shape)
        shape[-1] *= 2
        big = torch.empty(shape, dtype=x.dtype, device=x.device)
        big.fill_(float("nan") if x.is_floating_point() else 0)
        big[..., ::2] = x
        return big[..., ::2]
    if kind == "expanded":
        ones = [d for d, s in enumerate(x.shape) if s == 1]
        if not ones:
            return layout(x, "sliced", gen)
        return x.clone()
    raise ValueError(f"unknown layout {kind!r}; use one of {LAYOUTS}")


def expanded(base: torch.Tensor, shape: Sequence[int]) -> torch.Tensor:
    """`base` (with size-1 dims) broadcast to `shape` as a stride-0 view."""
    return base.expand(*shape)


def _holds_arrays(value: Any) -> bool:
    """A tensor or array, or a non-empty list/tuple holding only such things (nested)."""
    if isinstance(value, torch.Tensor) or is_ndarray(value):
        return True
    return isinstance(value, (list, tuple)) and bool(value) and all(_holds_arrays(v) for v in value)


def describe(value: Any) -> str:
    """Short description of an input for the verdict: shape, dtype, layout."""
    if isinstance(value, torch.Tensor):
        shape = "(" + ", ".join(str(s) for s in value.shape) + (",)" if value.dim() == 1 else ")")
        dt = str(value.dtype).replace("torch.", "")
        note = "" if value.is_contiguous() else f" strides {tuple(value.stride())}"
        return f"{shape} {dt}{note}"
    if is_ndarray(value):
        shape = "(" + ", ".join(str(s) for s in value.shape) + (",)" if value.ndim == 1 else ")")
        contiguous = value.flags["C_CONTIGUOUS"] if hasattr(value, "flags") else True
        note = "" if contiguous else f" strides {tuple(s // value.itemsize for s in value.strides)}"
        return f"{shape} {value.dtype} ndarray{note}"
    if isinstance(value, dict) and value and all(_holds_arrays(v) for v in value.values()):
        text = "{" + ", ".join(f"{k}: {describe(v)}" for k, v in value.items()) + "}"
        return text if len(text) <= 120 else text[:117] + "...}"
    if isinstance(value, (list, tuple)) and value and all(_holds_arrays(v) for v in value):
        parts = [describe(v) for v in value]
        if len(set(parts)) == 1:
            return f"{len(value)} × {parts[0]}"
        text = "[" + ", ".join(parts) + "]"
        return text if len(text) <= 120 else text[:117] + "...]"
    r = repr(value)
    return r if len(r) <= 40 else r[:37] + "..."


def sibling_cases(ex_id: str):
    """The cases.py of another exercise of the same catalog (the folder beside the calling
    cases.py), imported once, so that two exercises driven the same way (Adam and AdamW,
    say) share one driver instead of a copy."""
    import importlib.util
    import sys
    from pathlib import Path

    name = f"dlquiz_cases_{ex_id}"
    if name in sys.modules:
        return sys.modules[name]
    caller = Path(sys._getframe(1).f_globals["__file__"]).resolve()
    spec = importlib.util.spec_from_file_location(name, str(caller.parent.parent / ex_id / "cases.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
