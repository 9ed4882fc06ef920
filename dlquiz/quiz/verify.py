"""Correct by construction: run each question's PyTorch check (used by the tests and by
`dlquiz quiz bank --check --verify`; never during a quiz, and the only quiz module that imports torch).

numeric   draw params, run `verify` (it sets `result`), compare with `answer` (within rel_tol)
shape     draw distinct sizes, run `verify`, compare the tuple with `answer` evaluated
predict   run `code`, compare its stdout (stripped) with `answer`
bug       run `verify_fixed`, then `verify` in the same namespace; `result` must be True
"""

from __future__ import annotations

import contextlib
import io
import math
import random
import warnings
from typing import Any

from dlquiz import expr
from dlquiz.quiz.bank import Question, distinct_sample
from dlquiz.quiz.grade import numbers_match

DRAWS = 3


def _run(code: str, names: dict) -> tuple[dict, str]:
    import torch
    import torch.nn.functional as F

    ns: dict[str, Any] = {"torch": torch, "math": math, "F": F, "nn": torch.nn, **names}
    dtype, grad = torch.get_default_dtype(), torch.is_grad_enabled()
    out = io.StringIO()
    torch.manual_seed(0)
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(code, "<verify>", "exec"), ns)  # the project's own bank, in its tests
    finally:
        torch.set_default_dtype(dtype)
        torch.set_grad_enabled(grad)
    return ns, out.getvalue()


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and getattr(value, "numel", lambda: 1)() == 1:
        return value.item()
    if isinstance(value, (tuple, list)) or type(value).__name__ == "Size":
        return tuple(_plain(v) for v in value)
    return value


def check(q: Question, draws: int = DRAWS, seed: int = 0) -> list[str]:
    """Problems found (empty when the question's answer is what PyTorch does)."""
    rng = random.Random(f"{seed}:{q.id}")
    problems = []
    try:
        if q.format == "numeric":
            for _ in range(draws):
                params = {k: d.sample(rng) for k, d in q.params.items()}
                want = expr.evaluate(expr.parse(q.answer, set(params)), params)
                got = _plain(_run(q.verify, params)[0].get("result"))
                if not isinstance(got, (int, float)) or not numbers_match(got, want, q.rel_tol):
                    problems.append(f"params {params}: answer gives {want!r}, verify gives {got!r}")
        elif q.format == "shape":
            for _ in range(draws):
                env = distinct_sample(q.symbols, rng)
                want = tuple(expr.evaluate(e, env) for e in expr.parse_shape(q.answer, set(env)))
                got = _plain(_run(q.verify, env)[0].get("result"))
                if got != want:
                    problems.append(f"sizes {env}: answer gives {want}, verify gives {got}")
        elif q.format == "predict":
            printed = _run(q.code, {})[1].strip()
            if printed != q.answer:
                problems.append(f"the code prints {printed!r}, the answer says {q.answer!r}")
        elif q.format == "bug" and (q.verify or q.verify_fixed):
            ns, _ = _run(q.verify_fixed or "", {})
            if q.verify:
                ns, _ = _run(q.verify, {k: v for k, v in ns.items() if not k.startswith("__")})
                if ns.get("result") is not True:
                    problems.append(f"verify set result = {ns.get('result')!r}, not True")
    except Exception as exc:  # noqa: BLE001 - any failure of the author's code is the finding
        problems.append(f"raised {type(exc).__name__}: {exc}")
    return [f"{q.path}:{q.line}: question {q.id}: {p}" for p in problems]


def checkable(q: Question) -> bool:
    return q.format in ("numeric", "shape", "predict") or (q.format == "bug" and bool(q.verify or q.verify_fixed))
