"""One asked instance of a question (drawn params, shuffled options) and grading of answers.

`prepare` draws what varies per asking; `grade` normalizes the learner's text for the format
and checks it. Text that cannot be read at all (a letter where a number is due) raises
Unreadable, so an interactive session can ask again instead of counting it wrong.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from typing import Any

from dlquiz import expr
from dlquiz.quiz.bank import Question, distinct_sample

LETTERS = "abcdefgh"
SHAPE_DRAWS = 8
RECALL_RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4, "a": 1, "h": 2, "g": 3, "e": 4,
                  "1": 1, "2": 2, "3": 3, "4": 4}


class Unreadable(ValueError):
    """The answer is not in the form the format expects; the message says what to type."""


@dataclass
class Asked:
    question: Question
    params: dict = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # shown position -> index in options/items
    rng_seed: int = 0

    @property
    def format(self) -> str:
        return self.question.format

    def correct_letters(self) -> list[str]:
        return [LETTERS[pos] for pos, i in enumerate(self.order) if self.question.options[i].correct]

    def expected_value(self) -> Any:
        q = self.question
        if q.format == "numeric":
            return expr.evaluate(expr.parse(q.answer, set(self.params)), self.params)
        return q.answer

    def correct_answer(self) -> str:
        """What the learner would type to be right (shown after `s`; used by scripted tests)."""
        q = self.question
        if q.format in ("single", "multiple"):
            return " ".join(self.correct_letters())
        if q.format == "numeric":
            return _number_text(self.expected_value())
        if q.format == "order":
            return " ".join(str(self.order.index(i) + 1) for i in range(len(q.items)))
        if q.format == "recall":
            return "good"
        return str(q.answer)


def prepare(question: Question, seed: int | None = None) -> Asked:
    """Draw this asking's params and option/item order (reproducible when `seed` is given)."""
    rng = random.Random(f"{seed}:{question.id}") if seed is not None else random.Random()
    params = {k: d.sample(rng) for k, d in question.params.items()}
    n = len(question.options) or len(question.items)
    order = rng.sample(range(n), n)
    if question.format == "order" and n > 1:
        while order == sorted(order):  # never show the steps already in order
            order = rng.sample(range(n), n)
    return Asked(question, params, order, rng.randrange(2**31))


@dataclass(frozen=True)
class Result:
    correct: bool
    expected: str  # the right answer, as the learner would read it
    note: str | None = None  # feedback on the chosen wrong option, or what differed


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _letters(text: str, asked: Asked) -> list[str]:
    letters = re.sub(r"[\s,;]+", "", text.lower())
    valid = LETTERS[:len(asked.order)]
    if not letters or any(ch not in valid for ch in letters):
        raise Unreadable(f"answer with the letters {', '.join(valid)}" +
                         (" (several, like `a c`)" if asked.format == "multiple" else ""))
    if asked.format == "single" and len(letters) != 1:
        raise Unreadable("pick exactly one letter")
    return sorted(set(letters))


def read_number(text: str) -> float | int:
    cleaned = re.sub(r"(?<=\d)[,_](?=\d{3})", "", text.strip())
    try:
        return expr.evaluate(expr.parse(cleaned))
    except expr.ExprError:
        raise Unreadable("type a number, like 4096, 1.5e6 or 2*1024") from None


def numbers_match(got: float, want: float, rel_tol: float) -> bool:
    if rel_tol == 0 and float(want).is_integer():
        return got == want
    return math.isclose(got, want, rel_tol=max(rel_tol, 1e-9), abs_tol=1e-12)


def normalize_output(text: str) -> str:
    """Predict answers: no spaces, lower case, torch.Size([3, 4]) ≡ (3, 4) ≡ [3, 4], torch.float32 ≡ float32."""
    s = re.sub(r"(?<=\w)\s+(?=\w)", ",", str(text).strip())  # `True False` ≡ `True, False`
    s = re.sub(r"\s+", "", s).lower().replace("torch.", "")
    for wrapper in ("size(", "tensor("):
        if s.startswith(wrapper) and s.endswith(")"):
            s = s[len(wrapper):-1]
    return s.replace("[", "(").replace("]", ")").replace(",)", ")")


def _outputs_match(got: str, want: str) -> bool:
    a, b = normalize_output(got), normalize_output(want)
    if a == b:
        return True
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except ValueError:
        return False


def shapes_match(got_text: str, asked: Asked, draws: int = SHAPE_DRAWS) -> bool:
    q = asked.question
    names = set(q.symbols)
    try:
        got = expr.parse_shape(got_text, names)
    except expr.ExprError as exc:
        raise Unreadable(f"{exc}; write the shape with the symbols {', '.join(sorted(names))}, like (B, T, C)") from None
    want = expr.parse_shape(q.answer, names)
    if len(got) != len(want):
        return False
    rng = random.Random(asked.rng_seed)
    for _ in range(draws):
        env = distinct_sample(q.symbols, rng) or {k: d.sample(rng) for k, d in q.symbols.items()}
        try:
            if [expr.evaluate(g, env) for g in got] != [expr.evaluate(w, env) for w in want]:
                return False
        except expr.ExprError:
            return False
    return True


def _order(text: str, asked: Asked) -> list[int]:
    n = len(asked.order)
    numbers = re.findall(r"\d+", text)
    if len(numbers) == 1 and n < 10 and len(numbers[0]) == n:
        numbers = list(numbers[0])
    picks = [int(x) for x in numbers]
    if sorted(picks) != list(range(1, n + 1)):
        raise Unreadable(f"type the numbers 1 to {n}, each once, in the right order (like `{' '.join(map(str, range(n, 0, -1)))}`)")
    return picks


def grade(asked: Asked, text: str, lang: str = "en") -> Result:
    """Check the learner's answer `text` (not for recall, which is self-rated)."""
    q, fmt = asked.question, asked.format
    expected = asked.correct_answer()
    if fmt in ("single", "multiple"):
        letters = _letters(text, asked)
        right = letters == asked.correct_letters()
        note = None
        if not right:
            feedback = q.text("feedback", lang)
            notes = [feedback[asked.order[LETTERS.index(ch)]] for ch in letters
                     if not q.options[asked.order[LETTERS.index(ch)]].correct]
            note = " ".join(n for n in notes if n) or None
        return Result(right, expected, note)
    if fmt == "numeric":
        want = asked.expected_value()
        got = read_number(text)
        unit = f" {q.unit}" if q.unit else ""
        return Result(numbers_match(got, want, q.rel_tol), expected + unit)
    if fmt == "shape":
        return Result(shapes_match(text, asked), expected)
    if fmt == "bug":
        found = re.findall(r"\d+", text)
        n = len(q.code.rstrip("\n").splitlines())
        if len(found) != 1 or not 1 <= int(found[0]) <= n:
            raise Unreadable(f"type one line number between 1 and {n}")
        return Result(int(found[0]) == q.answer, f"line {q.answer}")
    if fmt == "predict":
        if not text.strip():
            raise Unreadable("type what the snippet prints")
        return Result(_outputs_match(text, q.answer), q.answer)
    if fmt == "order":
        picks = _order(text, asked)
        return Result([asked.order[p - 1] for p in picks] == list(range(len(q.items))), expected)
    raise ValueError(f"{fmt} answers are self-rated, not graded")


def recall_rating(text: str) -> int:
    word = text.strip().lower()
    if word not in RECALL_RATINGS:
        raise Unreadable("rate yourself: again, hard, good or easy")
    return RECALL_RATINGS[word]
