"""Load and validate the question bank: quizzes/<topic>.yaml, one file per syllabus topic.

The format is fixed in docs/quiz_format.md. Files are read with spec.py's safe loader, so an
error names the file, the line and the field. Where the bank lives: `DLQUIZ_QUIZZES` (a
folder of YAML files), else the `quizzes/` folder next to the exercises (catalog.data_root(),
which honours `DLQUIZ_CATALOG`).
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dlquiz import FORMAT_VERSION
from dlquiz.errors import DlquizError
from dlquiz import expr
from dlquiz.spec import Checker, LineDict, load_yaml
from dlquiz.topics import TOPIC_ORDER, TOPICS, check_topic

FORMATS = ("single", "multiple", "numeric", "shape", "bug", "predict", "order", "recall")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON = {"id", "format", "difficulty", "exercise", "notes_error", "tags", "question", "explanation", "hint", "zh"}
SPECIFIC = {
    "single": {"options"}, "multiple": {"options"},
    "numeric": {"params", "answer", "rel_tol", "unit", "verify"},
    "shape": {"symbols", "answer", "verify"},
    "bug": {"code", "answer", "verify_fixed", "verify"},
    "predict": {"code", "answer"}, "order": {"items"}, "recall": {"answer"},
}
ZH_KEYS = {"question", "explanation", "options", "feedback", "items", "answer", "hint"}


class _BankChecker(Checker):
    hint = "Fix the question file; docs/quiz_format.md describes every field."


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str | None = None


@dataclass(frozen=True)
class Draw:
    """How one parameter or symbol is drawn: an integer range [lo, hi] or a list of choices."""

    lo: int | None = None
    hi: int | None = None
    choices: tuple = ()

    def values(self) -> list:
        return list(self.choices) if self.choices else list(range(self.lo, self.hi + 1))

    def sample(self, rng: random.Random) -> Any:
        return rng.choice(self.choices) if self.choices else rng.randint(self.lo, self.hi)


def distinct_sample(draws: dict[str, Draw], rng: random.Random, tries: int = 200) -> dict | None:
    """One value per symbol, all different (so a swapped axis cannot match); None if impossible."""
    for _ in range(tries):
        env: dict[str, Any] = {}
        for name in rng.sample(sorted(draws), len(draws)):
            free = [v for v in draws[name].values() if v not in env.values()]
            if not free:
                break
            env[name] = rng.choice(free)
        else:
            return env
    return None


@dataclass(frozen=True)
class Question:
    """One validated question; review state lives in schedule.py, never here."""

    id: str
    topic: str
    format: str
    difficulty: int
    question: str
    explanation: str
    zh: dict
    path: Path
    line: int
    hint: str | None = None
    exercise: str | None = None
    notes_error: bool = False
    tags: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    params: dict = field(default_factory=dict)  # name -> Draw (numeric)
    symbols: dict = field(default_factory=dict)  # name -> Draw (shape)
    answer: Any = None
    rel_tol: float = 0.0
    unit: str | None = None
    code: str | None = None
    items: tuple[str, ...] = ()
    verify: str | None = None
    verify_fixed: str | None = None

    def text(self, key: str, lang: str = "en") -> Any:
        """A learner-facing field in `lang`, English where the Chinese is missing."""
        if lang == "zh" and self.zh.get(key):
            return self.zh[key]
        if key in ("options", "feedback"):
            return [o.text if key == "options" else o.feedback for o in self.options]
        return list(self.items) if key == "items" else getattr(self, key, None)

    @property
    def languages(self) -> tuple[str, ...]:
        return ("en", "zh") if self.zh.get("question") else ("en",)


def quizzes_root() -> Path:
    override = os.environ.get("DLQUIZ_QUIZZES")
    if override:
        root = Path(override).expanduser().resolve()
        if not root.is_dir():
            raise DlquizError(f"DLQUIZ_QUIZZES={override} is not a folder.",
                              hint="Point it at a folder of quizzes/<topic>.yaml files, or unset it.")
        return root
    from dlquiz import catalog

    return catalog.data_root() / "quizzes"


def _draws(c: _BankChecker, key: str, owner: LineDict, qid: str) -> dict:
    raw = c.get(key, dict, {}, owner=owner)
    out = {}
    for name, spec in raw.items():
        if not isinstance(name, str) or not name.isidentifier() or name in expr.FUNCTIONS:
            raise c.fail(key, f"question {qid}: {name!r} is not a usable name", owner)
        if isinstance(spec, list) and len(spec) == 2 and all(type(v) is int for v in spec):
            if spec[0] > spec[1]:
                raise c.fail(key, f"question {qid}: {name}: range [{spec[0]}, {spec[1]}] is empty", owner)
            out[name] = Draw(lo=spec[0], hi=spec[1])
        elif isinstance(spec, list) and spec and all(type(v) in (int, float, bool, str) for v in spec):
            out[name] = Draw(choices=tuple(spec))
        else:
            raise c.fail(key, f"question {qid}: {name} must be [lo, hi] (integers) or a list of choices", owner)
    return out


def _options(c: _BankChecker, q: LineDict, qid: str, fmt: str) -> tuple[Option, ...]:
    raw = c.get("options", list, owner=q)
    if not 3 <= len(raw) <= 5:
        raise c.fail("options", f"question {qid}: needs 3 to 5 options, has {len(raw)}", q)
    opts = []
    for o in raw:
        if not isinstance(o, LineDict) or set(o) - {"text", "correct", "feedback"}:
            raise c.fail("options", f"question {qid}: each option is a mapping of text, correct, feedback", q)
        opts.append(Option(text=str(c.get("text", str, owner=o)), correct=c.get("correct", bool, False, owner=o),
                           feedback=c.get("feedback", str, None, owner=o)))
    right = sum(o.correct for o in opts)
    if (fmt == "single" and right != 1) or right == 0:
        want = "exactly one" if fmt == "single" else "at least one"
        raise c.fail("options", f"question {qid}: {fmt} needs {want} correct option, has {right}", q)
    return tuple(opts)


def _expression(c: _BankChecker, q: LineDict, qid: str, names: dict, shape: bool) -> str:
    text = c.get("answer", str, owner=q)
    try:
        if shape:
            expr.parse_shape(text, set(names))
        else:
            expr.parse(text, set(names))
        rng = random.Random(0)
        env = {k: d.sample(rng) for k, d in names.items()}
        if not shape:
            expr.evaluate(text, env)
    except expr.ExprError as exc:
        raise c.fail("answer", f"question {qid}: {exc}", q) from None
    return text


def _zh(c: _BankChecker, q: LineDict, qid: str, fmt: str, opts: tuple, items: tuple, hint: str | None) -> dict:
    zh = c.get("zh", dict, owner=q)
    unknown = set(zh) - ZH_KEYS
    if unknown:
        raise c.fail("zh", f"question {qid}: unknown key {sorted(unknown)[0]!r}; allowed: {', '.join(sorted(ZH_KEYS))}", q)
    needed = ["question", "explanation"] + (["options"] if opts else []) + (["items"] if items else []) \
        + (["answer"] if fmt == "recall" else []) + (["hint"] if hint else [])
    for key in needed:
        if not zh.get(key):
            raise c.fail("zh", f"question {qid}: zh.{key} is required", q)
    for key, count in (("options", len(opts)), ("feedback", len(opts)), ("items", len(items))):
        if key in zh and (not isinstance(zh[key], list) or len(zh[key]) != count):
            raise c.fail("zh", f"question {qid}: zh.{key} must list {count} texts in the same order", q)
    return dict(zh)


def _question(c: _BankChecker, q: Any, topic: str, index: int) -> Question:
    if not isinstance(q, LineDict):
        raise c.fail("questions", f"entry {index + 1} must be a mapping")
    qid = c.get("id", str, owner=q)
    if not ID_RE.match(qid):
        raise c.fail("id", f"{qid!r} must be lowercase letters, digits and '-'", q)
    fmt = c.get("format", str, owner=q)
    if fmt not in FORMATS:
        raise c.fail("format", f"question {qid}: unknown format {fmt!r}; allowed: {', '.join(FORMATS)}", q)
    unknown = set(q) - COMMON - SPECIFIC[fmt]
    if unknown:
        allowed = ", ".join(sorted(COMMON | SPECIFIC[fmt]))
        raise c.fail(sorted(unknown)[0], f"question {qid}: not a field of a {fmt} question; allowed: {allowed}", q)
    difficulty = c.get("difficulty", int, owner=q)
    if difficulty not in (1, 2, 3):
        raise c.fail("difficulty", f"question {qid}: must be 1, 2 or 3", q)
    kw: dict[str, Any] = {}
    if fmt in ("single", "multiple"):
        kw["options"] = _options(c, q, qid, fmt)
    elif fmt == "numeric":
        kw["params"] = _draws(c, "params", q, qid)
        kw["answer"] = _expression(c, q, qid, kw["params"], shape=False)
        kw["rel_tol"] = c.get("rel_tol", float, 0.0, owner=q)
        kw["unit"] = c.get("unit", str, None, owner=q)
        kw["verify"] = c.get("verify", str, owner=q)
    elif fmt == "shape":
        kw["symbols"] = _draws(c, "symbols", q, qid)
        if not kw["symbols"] or distinct_sample(kw["symbols"], random.Random(0)) is None:
            raise c.fail("symbols", f"question {qid}: needs symbols whose ranges allow distinct sizes", q)
        kw["answer"] = _expression(c, q, qid, kw["symbols"], shape=True)
        kw["verify"] = c.get("verify", str, owner=q)
    elif fmt == "bug":
        kw["code"] = c.get("code", str, owner=q)
        kw["answer"] = c.get("answer", int, owner=q)
        n = len(kw["code"].rstrip("\n").splitlines())
        if not 1 <= kw["answer"] <= n:
            raise c.fail("answer", f"question {qid}: line {kw['answer']} is not in the {n}-line snippet", q)
        kw["verify_fixed"] = c.get("verify_fixed", str, None, owner=q)
        kw["verify"] = c.get("verify", str, None, owner=q)
    elif fmt == "predict":
        kw["code"] = c.get("code", str, owner=q)
        answer = c.get("answer", (str, int, float, bool), owner=q)
        kw["answer"] = str(answer).strip()
    elif fmt == "order":
        kw["items"] = tuple(c.get("items", list, owner=q))
        if len(kw["items"]) < 2 or not all(isinstance(i, str) and i.strip() for i in kw["items"]):
            raise c.fail("items", f"question {qid}: needs at least 2 non-empty steps", q)
    elif fmt == "recall":
        kw["answer"] = c.get("answer", str, owner=q)
    hint = c.get("hint", str, None, owner=q)
    tags = c.get("tags", list, [], owner=q)
    return Question(
        id=qid, topic=topic, format=fmt, difficulty=difficulty, question=c.get("question", str, owner=q),
        explanation=c.get("explanation", str, owner=q), hint=hint, path=c.path, line=q.line,
        zh=_zh(c, q, qid, fmt, kw.get("options", ()), kw.get("items", ()), hint),
        exercise=c.get("exercise", str, None, owner=q), notes_error=c.get("notes_error", bool, False, owner=q),
        tags=tuple(str(t) for t in tags), **kw)


def load_file(path: Path) -> list[Question]:
    """Read and validate one quizzes/<topic>.yaml."""
    data = load_yaml(path)
    if not isinstance(data, LineDict):
        raise DlquizError(f"{path}:1: a question file must be a mapping with format_version, topic, questions")
    c = _BankChecker(path, data)
    version = c.get("format_version", int)
    if version > FORMAT_VERSION:
        raise DlquizError(f"{path}: format_version {version} is newer than this dlquiz understands ({FORMAT_VERSION}).",
                          hint="Upgrade dlquiz: pip install --upgrade dlquiz")
    topic = c.get("topic", str)
    if topic not in TOPICS:
        raise c.fail("topic", f"unknown topic {topic!r}; allowed: {', '.join(TOPICS)}")
    if topic != path.stem:
        raise c.fail("topic", f"{topic!r} must equal the file name {path.stem!r}")
    return [_question(c, q, topic, i) for i, q in enumerate(c.get("questions", list))]


@lru_cache(maxsize=4)
def _load_all(root: Path) -> tuple[Question, ...]:
    questions: list[Question] = []
    seen: dict[str, Question] = {}
    for path in sorted(root.glob("*.yaml")) if root.is_dir() else []:
        for q in load_file(path):
            if q.id in seen:
                first = seen[q.id]
                raise DlquizError(f"{q.path}:{q.line}: field `id`: {q.id!r} is already used at {first.path}:{first.line}",
                                  hint="Question ids are unique across the whole bank; rename one of them.")
            seen[q.id] = q
            questions.append(q)
    questions.sort(key=lambda q: TOPIC_ORDER.get(q.topic, 99))  # stable: file order within a topic
    return tuple(questions)


def load_bank(topic: str | None = None, root: Path | None = None) -> list[Question]:
    """Every question (of one topic); raises DlquizError naming file:line for a bad file."""
    check_topic(topic)
    questions = _load_all((root or quizzes_root()).resolve())
    return [q for q in questions if topic is None or q.topic == topic]


def check_links(questions: list[Question], exercise_ids: set[str]) -> list[str]:
    """Problems with `exercise:` links (ids that do not exist), as file:line sentences."""
    return [f"{q.path}:{q.line}: question {q.id}: exercise {q.exercise!r} does not exist"
            for q in questions if q.exercise and q.exercise not in exercise_ids]
