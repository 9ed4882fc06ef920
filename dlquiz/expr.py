"""Safe arithmetic expressions: quiz answers and shape elements, and the FLOP and byte
formulas of a spec's `bench:` section.

An expression is parsed with `ast` and checked against a whitelist (numbers, True/False,
known names, + - * / // % **, unary -, comparisons, and/or/not, `a if c else b`, and calls of
a few math functions); it is never given to eval().
"""

from __future__ import annotations

import ast
import math
import operator
from typing import Any, Callable

FUNCTIONS: dict[str, Callable] = {
    "min": min, "max": max, "abs": abs, "floor": math.floor, "ceil": math.ceil,
    "sqrt": math.sqrt, "log2": math.log2, "int": int, "round": round,
}
_BINOPS = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
}
_CMPOPS = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}
MAX_EXPONENT = 256


class ExprError(ValueError):
    """An expression that is not allowed, does not parse, or cannot be evaluated."""


def parse(text: str, names: set[str] | frozenset[str] = frozenset()) -> ast.expr:
    """Parse `text` and check every node; `names` are the names it may use."""
    try:
        tree = ast.parse(str(text).strip(), mode="eval").body
    except SyntaxError:
        raise ExprError(f"{text!r} is not an expression") from None
    check(tree, names)
    return tree


def check(node: ast.AST, names: set[str] | frozenset[str]) -> None:
    if isinstance(node, ast.Constant):
        if type(node.value) not in (int, float, bool):
            raise ExprError(f"constant {node.value!r} is not a number")
    elif isinstance(node, ast.Name):
        if node.id not in names:
            known = ", ".join(sorted(names)) or "none"
            raise ExprError(f"unknown name {node.id!r} (known: {known})")
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        check(node.left, names), check(node.right, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Not)):
        check(node.operand, names)
    elif isinstance(node, ast.Compare) and all(type(op) in _CMPOPS for op in node.ops):
        for sub in (node.left, *node.comparators):
            check(sub, names)
    elif isinstance(node, ast.BoolOp):
        for sub in node.values:
            check(sub, names)
    elif isinstance(node, ast.IfExp):
        for sub in (node.test, node.body, node.orelse):
            check(sub, names)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            allowed = " ".join(FUNCTIONS)
            raise ExprError(f"only calls of {allowed} are allowed, without keywords")
        for sub in node.args:
            check(sub, names)
    else:
        raise ExprError(f"{type(node).__name__} is not allowed in an expression")


def names(text: str) -> set[str]:
    """The variable names an expression uses (called function names excluded)."""
    try:
        tree = ast.parse(str(text).strip(), mode="eval")
    except SyntaxError:
        raise ExprError(f"{text!r} is not an expression") from None
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def _eval(node: ast.AST, env: dict[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, env), _eval(node.right, env)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            raise ExprError(f"exponent {right} is too large")
        return _BINOPS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, env)
        return -value if isinstance(node.op, ast.USub) else (+value if isinstance(node.op, ast.UAdd) else not value)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comp in zip(node.ops, node.comparators):
            right = _eval(comp, env)
            if not _CMPOPS[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = (_eval(v, env) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.IfExp):
        return _eval(node.body, env) if _eval(node.test, env) else _eval(node.orelse, env)
    if isinstance(node, ast.Call):
        return FUNCTIONS[node.func.id](*(_eval(a, env) for a in node.args))
    raise ExprError(f"{type(node).__name__} is not allowed")  # parse() already refused it


def evaluate(tree: ast.expr | str, env: dict[str, Any] | None = None) -> Any:
    """Value of a parsed (or textual) expression with `env` as its names."""
    env = env or {}
    if isinstance(tree, str):
        tree = parse(tree, set(env))
    try:
        return _eval(tree, env)
    except ExprError:
        raise
    except (ArithmeticError, ValueError, TypeError, OverflowError) as exc:
        raise ExprError(f"cannot evaluate: {exc}") from None


def parse_shape(text: str, names: set[str] | frozenset[str]) -> list[ast.expr]:
    """Elements of a shape written `(B, H, T, T)`, `B,H,T,T`, `[B, H]` or `torch.Size([B, H])`."""
    s = str(text).strip()
    for prefix in ("torch.Size(", "Size("):
        if s.startswith(prefix) and s.endswith(")"):
            s = s[len(prefix):-1].strip()
    if s in ("", "()", "[]"):
        return []
    try:
        tree = ast.parse(s, mode="eval").body
    except SyntaxError:
        raise ExprError(f"{text!r} is not a shape like (B, T, C)") from None
    elements = tree.elts if isinstance(tree, (ast.Tuple, ast.List)) else [tree]
    for element in elements:
        check(element, names)
    return list(elements)
