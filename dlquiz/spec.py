"""Load an exercise.yaml into a typed, validated Spec.

YAML is read with the safe loader; every mapping remembers the line of each key, so a
validation error names the file, the line and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dlquiz import FORMAT_VERSION, formula
from dlquiz.errors import DlquizError
from dlquiz.topics import TOPICS

KINDS = ("implement", "fix", "module")
DTYPES = ("float16", "bfloat16", "float32", "float64")
DEVICES = ("cpu", "cuda")
# torch.testing.assert_close defaults, per dtype: (rtol, atol).
DEFAULT_TOLERANCE = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
}
MIN_HINTS = 3
MIN_RANDOM_CASES = 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict that knows the source line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict


class _SpecLoader(_Loader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_SpecLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads 1e-3 as a string (it wants 1.0e-3); authors mean a number.
_SpecLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+$"), list("-+0123456789"))


def load_yaml(path: Path) -> Any:
    """Parse a YAML file with the safe loader, keeping line numbers; errors name file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DlquizError(f"cannot read {path}: {exc.strerror}") from None
    try:
        return yaml.load(text, Loader=_SpecLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise DlquizError(f"{where}: invalid YAML: {problem}") from None


@dataclass(frozen=True)
class CaseSpec:
    name: str
    why: str
    params: dict
    tolerance: tuple[float, float] | None = None


@dataclass(frozen=True)
class BenchSize:
    name: str
    values: dict  # dimension name -> number


@dataclass(frozen=True)
class BenchSpec:
    """The optional `bench:` section: what `dlquiz bench` sweeps and how it scores a call."""

    sizes: tuple[BenchSize, ...]
    cpu_sizes: tuple[BenchSize, ...]
    flops: str | None
    bytes: str | None
    baselines: dict          # "reference" -> "solution", "builtin" -> dotted name
    tolerance: dict          # dtype -> (rtol, atol), on top of BENCH_TOLERANCE
    memory_mb: int | None

    def sweep(self, device: str) -> tuple[BenchSize, ...]:
        return self.cpu_sizes if device == "cpu" and self.cpu_sizes else self.sizes

    def tol(self, dtype: str) -> tuple[float, float]:
        return self.tolerance.get(dtype, BENCH_TOLERANCE[dtype])


# Bench sizes are large: a correct float16 kernel accumulating over thousands of terms is
# off from a float32 truth by far more than assert_close's per-op defaults.
BENCH_TOLERANCE = {"float16": (1e-2, 1e-2), "bfloat16": (5e-2, 5e-2), "float32": (1e-4, 1e-4),
                   "float64": (1e-7, 1e-7)}
BUILTIN = re.compile(r"^(torch(\.[A-Za-z_]\w*)+|cases\.[A-Za-z_]\w*)$")


@dataclass(frozen=True)
class Spec:
    """What an exercise is (parsed from YAML); runtime state lives in store.py."""

    id: str
    title: str
    topic: str
    difficulty: int
    kind: str
    entry: str
    signature: str
    prompt: str
    hints: tuple[str, ...]
    directory: Path
    forbid: tuple[str, ...] = ()
    dtypes: tuple[str, ...] = ("float32", "float64")
    devices: tuple[str, ...] = ("cpu", "cuda")
    tolerance: dict = field(default_factory=dict)
    random_cases: int = MIN_RANDOM_CASES
    timeout_s: float = 60.0
    memory_mb: int = 4096
    timing_case: str | None = None
    requires: tuple[str, ...] = ()
    cases: tuple[CaseSpec, ...] = ()
    zh: dict = field(default_factory=dict)
    bench: BenchSpec | None = None
    format_version: int = FORMAT_VERSION

    @property
    def starter_path(self) -> Path:
        return self.directory / "starter.py"

    @property
    def cases_path(self) -> Path:
        return self.directory / "cases.py"

    def tol(self, dtype: str) -> tuple[float, float]:
        return self.tolerance.get(dtype, DEFAULT_TOLERANCE.get(dtype, (1e-7, 1e-7)))

    def text(self, lang: str = "en") -> tuple[str, str, tuple[str, ...]]:
        """(title, prompt, hints) in the language asked for, English where a text is missing."""
        if lang == "zh" and self.zh:
            return (self.zh.get("title") or self.title, self.zh.get("prompt") or self.prompt,
                    tuple(self.zh.get("hints") or self.hints))
        return self.title, self.prompt, self.hints


class Checker:
    """Field access that raises DlquizError naming file, line and field (specs and the quiz bank)."""

    hint = "Fix the exercise spec; docs/authoring.md lists every field."

    def __init__(self, path: Path, data: LineDict):
        self.path, self.data = path, data

    def fail(self, key: str, problem: str, owner: LineDict | None = None) -> DlquizError:
        owner = self.data if owner is None else owner
        line = getattr(owner, "key_lines", {}).get(key, getattr(owner, "line", 0))
        return DlquizError(f"{self.path}:{line}: field `{key}`: {problem}",
                           hint=self.hint)

    def get(self, key: str, kind: type | tuple, default: Any = ..., owner: LineDict | None = None) -> Any:
        owner = self.data if owner is None else owner
        if key not in owner:
            if default is ...:
                raise self.fail(key, "is required", owner)
            return default
        value = owner[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(key, f"must be {names}, got {type(value).__name__} {value!r}", owner)
        return value

    def strings(self, key: str, default: Any = ..., allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = self.get(key, list, default)
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "must be a list of non-empty strings")
        if allowed is not None:
            bad = [v for v in value if v not in allowed]
            if bad:
                raise self.fail(key, f"unknown value {bad[0]!r}; allowed: {', '.join(allowed)}")
        return tuple(value)


def _tolerances(c: Checker, raw: Any, owner_key: str, owner: LineDict) -> dict:
    out = {}
    if not isinstance(raw, dict):
        raise c.fail(owner_key, "must map a dtype to {rtol, atol}", owner)
    for dtype, tol in raw.items():
        if dtype not in DTYPES:
            raise c.fail(owner_key, f"unknown dtype {dtype!r}; allowed: {', '.join(DTYPES)}", owner)
        if not isinstance(tol, dict) or set(tol) != {"rtol", "atol"}:
            raise c.fail(owner_key, f"{dtype} must be {{rtol: R, atol: A}}", owner)
        out[dtype] = (float(tol["rtol"]), float(tol["atol"]))
    return out


def _case(c: Checker, raw: Any, index: int) -> CaseSpec:
    if not isinstance(raw, LineDict):
        raise c.fail("cases", f"entry {index + 1} must be a mapping with name, why, params")
    name = c.get("name", str, owner=raw)
    why = c.get("why", str, owner=raw)
    params = c.get("params", dict, {}, owner=raw)
    dtype = params.get("dtype")
    if dtype is not None and dtype not in DTYPES:
        raise c.fail("params", f"case {name!r}: unknown dtype {dtype!r}", raw)
    tol = None
    if "tolerance" in raw:
        t = c.get("tolerance", dict, owner=raw)
        if set(t) != {"rtol", "atol"}:
            raise c.fail("tolerance", f"case {name!r}: must be {{rtol: R, atol: A}}", raw)
        tol = (float(t["rtol"]), float(t["atol"]))
    return CaseSpec(name=name, why=why.strip(), params=dict(params), tolerance=tol)


def _sizes(c: Checker, raw: Any, key: str, owner: LineDict) -> tuple[BenchSize, ...]:
    if not isinstance(raw, list) or not raw:
        raise c.fail(key, "must be a non-empty list of sizes like {name: small, B: 2, L: 64}", owner)
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, LineDict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise c.fail(key, f"size {i + 1} must be a mapping with a `name` and numbers", owner)
        values = {}
        for dim, value in item.items():
            if dim == "name":
                continue
            if not (isinstance(dim, str) and dim.isidentifier()) or dim == formula.ELEM:
                raise c.fail(key, f"size {item['name']!r}: {dim!r} is not usable as a name", item)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise c.fail(key, f"size {item['name']!r}: {dim} must be a number, got {value!r}", item)
            values[dim] = value
        out.append(BenchSize(item["name"], values))
    names = [s.name for s in out]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise c.fail(key, f"duplicate size name {dup[0]!r}", owner)
    return tuple(out)


def _bench(c: Checker, raw: Any, directory: Path) -> BenchSpec:
    if not isinstance(raw, LineDict):
        raise c.fail("bench", "must be a mapping with sizes, flops, bytes, baselines")
    known = {"sizes", "cpu_sizes", "flops", "bytes", "baselines", "tolerance", "memory_mb"}
    for key in raw:
        if key not in known:
            raise c.fail(key, f"unknown key in bench; allowed: {', '.join(sorted(known))}", raw)
    sizes = _sizes(c, raw.get("sizes"), "sizes", raw)
    cpu_sizes = _sizes(c, raw["cpu_sizes"], "cpu_sizes", raw) if "cpu_sizes" in raw else ()
    formulas = {}
    for key in ("flops", "bytes"):
        text = c.get(key, str, None, owner=raw)
        if text is not None:
            for size in sizes + cpu_sizes:
                try:
                    formula.check(text, set(size.values))
                    formula.evaluate(text, {**size.values, formula.ELEM: 4})
                except formula.FormulaError as exc:
                    raise c.fail(key, f"size {size.name!r}: {exc}", raw) from None
        formulas[key] = text
    baselines = dict(c.get("baselines", dict, {"reference": "solution"}, owner=raw))
    for name, value in baselines.items():
        if name == "reference":
            if value != "solution":
                raise c.fail("baselines", "reference must be `solution` (solutions/ID.py)", raw)
        elif name == "builtin":
            if not isinstance(value, str) or not BUILTIN.match(value):
                raise c.fail("baselines", f"builtin must be a dotted torch name or cases.FUNCTION, "
                                          f"got {value!r}", raw)
        else:
            raise c.fail("baselines", f"unknown baseline {name!r}; allowed: reference, builtin", raw)
    tolerance = _tolerances(c, raw["tolerance"], "tolerance", raw) if "tolerance" in raw else {}
    memory_mb = c.get("memory_mb", int, None, owner=raw)
    cases_py = directory / "cases.py"
    if cases_py.is_file() and "def bench_inputs(" not in cases_py.read_text(encoding="utf-8"):
        raise c.fail("bench", f"{cases_py.name} must define bench_inputs(size, dtype, device, gen)")
    return BenchSpec(sizes=sizes, cpu_sizes=cpu_sizes, flops=formulas["flops"], bytes=formulas["bytes"],
                     baselines=baselines, tolerance=tolerance, memory_mb=memory_mb)


def load_spec(directory: Path) -> Spec:
    """Read and validate exercises/<id>/exercise.yaml."""
    path = directory / "exercise.yaml"
    data = load_yaml(path)
    if not isinstance(data, LineDict):
        raise DlquizError(f"{path}:1: the spec must be a mapping of fields")
    c = Checker(path, data)
    version = c.get("format_version", int)
    if version > FORMAT_VERSION:
        raise DlquizError(
            f"{path}: format_version {version} is newer than this dlquiz understands ({FORMAT_VERSION}).",
            hint="Upgrade dlquiz: pip install --upgrade dlquiz")
    ex_id = c.get("id", str)
    if ex_id != directory.name:
        raise c.fail("id", f"{ex_id!r} must equal the folder name {directory.name!r}")
    topic = c.get("topic", str)
    if topic not in TOPICS:
        raise c.fail("topic", f"unknown topic {topic!r}; allowed: {', '.join(TOPICS)}")
    difficulty = c.get("difficulty", int)
    if difficulty not in (1, 2, 3):
        raise c.fail("difficulty", "must be 1, 2 or 3")
    kind = c.get("kind", str)
    if kind not in KINDS:
        raise c.fail("kind", f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    entry = c.get("entry", str)
    if not entry.isidentifier():
        raise c.fail("entry", f"{entry!r} is not a Python name")
    hints = c.strings("hints")
    if len(hints) < MIN_HINTS:
        raise c.fail("hints", f"needs at least {MIN_HINTS} hints, has {len(hints)}")
    raw_cases = c.get("cases", list)
    cases = tuple(_case(c, raw, i) for i, raw in enumerate(raw_cases))
    names = [k.name for k in cases]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise c.fail("cases", f"duplicate case name {sorted(dup)[0]!r}")
    timing_case = c.get("timing_case", str, None)
    if timing_case is not None and timing_case not in names:
        raise c.fail("timing_case", f"{timing_case!r} is not one of the fixed cases")
    random_cases = c.get("random_cases", int, MIN_RANDOM_CASES)
    if random_cases < 0:
        raise c.fail("random_cases", "must be zero or more")
    zh = c.get("zh", dict, {})
    for key in zh:
        if key not in ("title", "prompt", "hints"):
            raise c.fail("zh", f"unknown key {key!r}; allowed: title, prompt, hints")
    if "hints" in zh and (not isinstance(zh["hints"], list) or len(zh["hints"]) < MIN_HINTS):
        raise c.fail("zh", f"zh.hints needs at least {MIN_HINTS} hints")
    tolerance = _tolerances(c, data["tolerance"], "tolerance", data) if "tolerance" in data else {}
    spec = Spec(
        id=ex_id, title=c.get("title", str), topic=topic, difficulty=difficulty, kind=kind,
        entry=entry, signature=c.get("signature", str).strip(), prompt=c.get("prompt", str),
        hints=hints, directory=directory, forbid=c.strings("forbid", []),
        dtypes=c.strings("dtypes", ["float32", "float64"], DTYPES),
        devices=c.strings("devices", ["cpu", "cuda"], DEVICES), tolerance=tolerance,
        random_cases=random_cases, timeout_s=c.get("timeout_s", float, 60.0),
        memory_mb=c.get("memory_mb", int, 4096), timing_case=timing_case,
        requires=c.strings("requires", []), cases=cases, zh=dict(zh), format_version=version,
        bench=_bench(c, data["bench"], directory) if "bench" in data else None,
    )
    for required in ("starter.py", "cases.py"):
        if not (directory / required).is_file():
            raise DlquizError(f"{directory}: missing {required}",
                              hint="Every exercise folder holds exercise.yaml, starter.py and cases.py.")
    return spec


def language(lang: str | None) -> str:
    """The language of shown texts: --lang, else $DLQUIZ_LANG, else en."""
    import os

    value = (lang or os.environ.get("DLQUIZ_LANG") or "en").lower()
    if value not in ("en", "zh"):
        raise DlquizError(f"unknown language {value!r}.", hint="Use --lang en or --lang zh.")
    return value
