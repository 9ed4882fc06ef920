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


def randn_special(shape: Sequence[int], gen: torch.Generator, scale: float = 1.0,
                  special: Sequence[float] | None = None) -> torch.Tensor:
    """Normal draws (float64, on the CPU) times `scale`, the first values replaced by
    `special`: the inputs that break a naive formula (large magnitudes, 0, ±inf)."""
    x = randn(shape, gen, torch.float64, "cpu", scale=scale)
    if special:
        vals = torch.tensor(special, dtype=torch.float64)
        x.view(-1)[: vals.numel()] = vals
    return x


def standardized(shape: Sequence[int], gen: torch.Generator, dims) -> torch.Tensor:
    """Normal draws (float64, on the CPU) made exactly mean 0 and std 1 over `dims`.

    Norm exercises give each slice its own mean and std from these: raw draws with few
    values per slice sometimes have a tiny std by chance, where a correct float32 answer
    cannot meet the float64 truth (the input gradient grows like 1 / std)."""
    z = randn(shape, gen, torch.float64, "cpu")
    z = z - z.mean(dim=dims, keepdim=True)
    return z / z.pow(2).mean(dim=dims, keepdim=True).sqrt()


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


def named(out: Any, names: Sequence[str]) -> Any:
    """A tuple (or list) of len(names) results as a dict keyed by those names, so that a
    verdict says "grad_weight: ..." rather than "output[1]"; anything else as it is."""
    if isinstance(out, (tuple, list)) and len(out) == len(names):
        return dict(zip(names, out))
    return out


def snapshot(value: Any) -> Any:
    """A module case's result: a detached copy of a tensor, or words for what is not one,
    so that a missing gradient or a wrong type reads as such in the verdict."""
    if value is None:
        return "None (no gradient)"
    if not isinstance(value, torch.Tensor):
        return f"not a tensor: {type(value).__name__}"
    return value.detach().clone()


def shape_text(t: torch.Tensor) -> str:
    return "(" + ", ".join(str(s) for s in t.shape) + (",)" if t.dim() == 1 else ")")


def module_structure(m: torch.nn.Module) -> dict:
    """The parameters (name and shape) and state_dict keys of a module, as text."""
    params = dict(m.named_parameters())
    return {"parameters": ", ".join(f"{k} {shape_text(p)}" for k, p in sorted(params.items())) or "none",
            "state_dict keys": ", ".join(sorted(m.state_dict())) or "none"}


def module_forward_backward(m: torch.nn.Module, inputs: dict, ctx, names: Sequence[str] = ("weight", "bias")) -> dict:
    """One case of a normalization module that is already built: on the case's device and
    dtype, each parameter in `names` set to inputs["<name>_value"] (copy_ keeps the
    learner's own Parameter objects), the forward on a fresh leaf sharing the input's
    memory layout, and the backward of (y * inputs["upstream"]).sum(). Returns the
    structure, the output and the gradients of the input and of each such parameter."""
    def own(t):
        return t.to(device=ctx.device, dtype=ctx.dtype)

    m = m.to(device=ctx.device, dtype=ctx.dtype)
    params = dict(m.named_parameters())
    out = module_structure(m)
    with torch.no_grad():
        for name in names:
            if isinstance(params.get(name), torch.Tensor):
                params[name].copy_(own(inputs[f"{name}_value"]))
    x = own(inputs["x"]).detach().requires_grad_(True)  # detach keeps the strides
    y = ctx.call(m, x)
    out["output"] = snapshot(y)
    (y * own(inputs["upstream"])).sum().backward()
    out["grad_input"] = snapshot(x.grad)
    for name in names:
        if name in params:
            out[f"grad_{name}"] = snapshot(params[name].grad)
    return out


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
