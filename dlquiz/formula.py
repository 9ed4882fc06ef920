"""The `bench:` formulas of a spec (FLOPs and bytes of one call).

A formula is a safe expression (dlquiz.expr: parsed with `ast` against a whitelist, never
given to eval()) over the names of a size (`B`, `L`, ...) and `elem`, the element size in bytes
of the benchmarked dtype, e.g. `4 * B * H * L * S * E`. No torch here: the spec loader
validates formulas in the CLI process.
"""

from __future__ import annotations

from typing import Mapping

from dlquiz import expr

ELEM = "elem"  # the one name every formula may use besides the size's own
FormulaError = expr.ExprError


def names(text: str) -> set[str]:
    """The variable names a formula uses."""
    return expr.names(text)


def parse(text: str):
    """Parse a formula and check its grammar; raises FormulaError naming the first problem."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("must be a non-empty expression")
    return expr.parse(text, names(text))


def check(text: str, allowed: set[str]) -> None:
    """Raise FormulaError if the formula is not allowed or uses a name outside `allowed` (plus elem)."""
    parse(text)
    unknown = sorted(names(text) - set(allowed) - {ELEM})
    if unknown:
        raise FormulaError(f"{text!r} uses {unknown[0]!r}, which is not a size name "
                           f"(names: {', '.join(sorted(set(allowed) | {ELEM}))})")


def evaluate(text: str, env: Mapping[str, float]) -> float:
    """The formula's value with the names bound by `env` (numbers only)."""
    bad = [k for k in names(text) if k in env and (isinstance(env[k], bool) or not isinstance(env[k], (int, float)))]
    if bad:
        raise FormulaError(f"{bad[0]!r} is not a number")
    missing = sorted(names(text) - set(env))
    if missing:
        raise FormulaError(f"unknown name {missing[0]!r}")
    return float(expr.evaluate(expr.parse(text, set(env)), dict(env)))
