"""Guards around the learner's code (worker side).

- Forbidden ops are caught at run time with a TorchFunctionMode, which sees every torch
  function and Tensor method the learner calls (however it is spelled: torch.softmax,
  x.softmax, F.softmax through nn.Softmax ...), not by grepping the source.
- In-place modification of inputs is caught by the tensors' version counters and by
  comparing values with a snapshot taken before the call.
- Tracebacks are trimmed to the learner's own file.
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import linecache
import sys
import traceback
from typing import Any, Callable, Iterator

import torch
from torch.overrides import TorchFunctionMode


class LearnerFault(Exception):
    """A rule broken by the learner's code; `kind` is forbidden | mutation | exit."""

    def __init__(self, kind: str, message: str, where: dict | None = None):
        super().__init__(message)
        self.kind, self.message, self.where = kind, message, where


def resolve(name: str) -> Any:
    """'torch.softmax' / 'Tensor.softmax' / 'torch.nn.functional.softmax' → the object."""
    if name.startswith("Tensor."):
        return getattr(torch.Tensor, name.split(".", 1)[1])
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ValueError(f"cannot resolve forbidden op {name!r}")


def learner_frame(path: str, frame=None) -> dict | None:
    """The innermost frame of the stack running in the learner's file."""
    f = frame or sys._getframe(1)
    while f is not None:
        if f.f_code.co_filename == path:
            return {"file": path, "line": f.f_lineno, "function": f.f_code.co_name,
                    "code": linecache.getline(path, f.f_lineno).strip()}
        f = f.f_back
    return None


class ForbidMode(TorchFunctionMode):
    def __init__(self, forbidden: dict[str, Any], learner_path: str):
        super().__init__()
        self._by_id: dict[int, str] = {}
        for name, obj in forbidden.items():
            self._by_id.setdefault(id(obj), name)  # two spellings of one op: the first listed names it
        self.learner_path = learner_path
        self.violation: LearnerFault | None = None

    def __torch_function__(self, func, types, args=(), kwargs=None):
        name = self._by_id.get(id(func))
        if name is None:
            name = self._by_id.get(id(getattr(func, "__func__", None)))
        if name is None:  # torch code dispatching under a name that PythonForbid has wrapped
            name = self._by_id.get(id(getattr(func, "__wrapped__", None)))
        if name is not None:
            where = learner_frame(self.learner_path)
            fault = LearnerFault("forbidden", f"calls {name}, which this exercise forbids", where)
            if self.violation is None:
                self.violation = fault  # kept even if the learner's code catches the exception
            raise fault
        return func(*args, **(kwargs or {}))


class PythonForbid:
    """Forbidden ops reached by name, including those a TorchFunctionMode never sees (plain
    Python functions such as torch.broadcast_shapes, torch.nn.utils.clip_grad_norm_ and
    nn.MultiheadAttention.forward; NumPy functions): each is replaced, where its name is
    looked up, by a wrapper that
    refuses calls made directly from the learner's file while a guarded call runs. Installed
    before the learner's file is imported, so `from torch.nn.utils import clip_grad_norm_`
    picks up the wrapper too; the reference and cases.py keep using the original."""

    def __init__(self, forbidden: dict[str, Any], learner_path: str):
        self.learner_path = learner_path
        self.active = False
        self.violation: LearnerFault | None = None
        for name, obj in forbidden.items():
            if name.startswith("Tensor.") or inspect.isclass(obj) or not callable(obj) or "." not in name:
                continue
            owner_name, attr = name.rsplit(".", 1)
            owner = resolve(owner_name)
            if inspect.getattr_static(owner, attr, None) is obj:
                setattr(owner, attr, self._wrap(name, obj, anywhere=inspect.isclass(owner)))

    def _wrap(self, name: str, original: Callable, anywhere: bool) -> Callable:
        """A function is refused when the learner's file calls it; a method (such as
        nn.MultiheadAttention.forward, reached through Module.__call__) whoever calls it
        while the learner's code runs."""
        guard = self

        @functools.wraps(original)
        def forbidden_call(*args, **kwargs):
            caller = sys._getframe(1)
            if guard.active and (anywhere or caller.f_code.co_filename == guard.learner_path):
                fault = LearnerFault("forbidden", f"calls {name}, which this exercise forbids",
                                     learner_frame(guard.learner_path, caller))
                if guard.violation is None:
                    guard.violation = fault  # kept even if the learner's code catches the exception
                raise fault
            return original(*args, **kwargs)

        return forbidden_call


def _plain(value: Any, depth: int = 0) -> bool:
    """Only str/bytes/numbers/None inside (nested) lists, tuples, dicts and sets."""
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return True
    if depth > 20:
        return False
    if isinstance(value, dict):
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_plain(v, depth + 1) for v in value)
    return False


def is_ndarray(x: Any) -> bool:
    """A NumPy array or scalar, recognized without importing NumPy."""
    return type(x).__module__ == "numpy" and hasattr(x, "dtype") and hasattr(x, "shape")


def _tensors(value: Any, name: str) -> Iterator[tuple[str, Any]]:
    """Every tensor (or NumPy array) inside an argument, with a readable name."""
    if isinstance(value, torch.Tensor) or is_ndarray(value):
        yield name, value
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _tensors(v, f"{name}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _tensors(v, f"{name}[{k!r}]")


def _arg_names(fn: Callable, args: tuple, kwargs: dict) -> dict[str, Any]:
    try:
        target = fn.forward if isinstance(fn, torch.nn.Module) else fn
        bound = inspect.signature(target).bind_partial(*args, **kwargs)
        return dict(bound.arguments)
    except (TypeError, ValueError):
        named = {f"argument {i + 1}": a for i, a in enumerate(args)}
        named.update(kwargs)
        return named


class Snapshot:
    """Copies of every input tensor (and NumPy array), to detect in-place changes after the call."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict):
        self.items = []
        self.plain = []  # (name, container, deep copy) of lists/dicts/sets of plain values
        for arg_name, value in _arg_names(fn, args, kwargs).items():
            if isinstance(value, (list, dict, set)) and _plain(value):
                self.plain.append((arg_name, value, copy.deepcopy(value)))
                continue
            for name, t in _tensors(value, arg_name):
                if is_ndarray(t):
                    self.items.append((name, t, None, t.copy()))
                    continue
                with torch.no_grad():
                    self.items.append((name, t, t._version, t.detach().clone()))

    def changed(self) -> str | None:
        for name, value, before in self.plain:
            if value != before:
                return name
        for name, t, version, copy in self.items:
            if version is None:  # a NumPy array: values only (NaN equals NaN)
                import numpy as np

                if not np.array_equal(t, copy, equal_nan=t.dtype.kind in "fc"):
                    return name
                continue
            now = t.detach()
            same = torch.equal(now, copy) or (
                now.is_floating_point() and bool(((now == copy) | (now.isnan() & copy.isnan())).all()))
            if t._version != version or not same:
                return name
        return None


def _short_path(path: str) -> str:
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if not rel.startswith("../..") else path


def trimmed_traceback(exc: BaseException, learner_path: str) -> tuple[str, dict | None]:
    """Format an exception with only the learner's frames; return (text, innermost frame)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == learner_path]
    lines, where = [], None
    for f in frames:
        lines.append(f'  File "{_short_path(f.filename)}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line.strip()}")
        where = {"file": learner_path, "line": f.lineno, "function": f.name, "code": (f.line or "").strip()}
    msg = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if isinstance(exc, SyntaxError) and exc.filename == learner_path:
        where = {"file": learner_path, "line": exc.lineno, "function": "<module>",
                 "code": (exc.text or "").strip()}
        msg = f"SyntaxError: {exc.msg}"
        lines = [f'  File "{_short_path(learner_path)}", line {exc.lineno}', f"    {(exc.text or '').strip()}"]
        if exc.offset:
            lines.append("    " + " " * (exc.offset - 1 - (len(exc.text or '') - len((exc.text or '').lstrip()))) + "^")
    if isinstance(exc, RecursionError):
        # Keep the first few and the last frame: a thousand identical lines help nobody.
        if len(lines) > 12:
            lines = lines[:6] + [f"  ... {len(frames) - 4} more frames ..."] + lines[-2:]
    elif len(lines) > 20:
        lines = lines[:8] + ["  ..."] + lines[-10:]
    return "\n".join(lines + [msg]), where
