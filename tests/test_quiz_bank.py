"""The shipped question bank (quizzes/*.yaml): it validates, covers the syllabus, and every
computed answer is correct by construction (real PyTorch code run here, never for the learner).

The size tests fail until the bank authors have written every topic: that is on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from dlquiz.errors import DlquizError
from dlquiz.quiz import bank, verify
from dlquiz.topics import TOPICS

QUIZZES = REPO / "quizzes"
FIXTURE_QUIZZES = FIXTURES / "quizzes"
MIN_QUESTIONS, MIN_PER_TOPIC, MIN_NOTES_ERRORS = 200, 8, 9
pytestmark = pytest.mark.bank  # not slow: these checks are the point of the bank


def _questions(root: Path) -> list[bank.Question]:
    """Every question that loads (files with errors are reported by test_every_file_validates)."""
    out = []
    for path in sorted(root.glob("*.yaml")):
        try:
            out += bank.load_file(path)
        except DlquizError:
            pass
    return out


SHIPPED = _questions(QUIZZES)
CHECKED = [q for q in SHIPPED + _questions(FIXTURE_QUIZZES) if verify.checkable(q)]


@pytest.mark.parametrize("path", sorted(QUIZZES.glob("*.yaml")) + sorted(FIXTURE_QUIZZES.glob("*.yaml")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_validates(path):
    assert bank.load_file(path)


def test_the_whole_bank_loads_with_unique_ids():
    questions = bank.load_bank(root=QUIZZES)  # raises on a duplicate id across files
    assert len({q.id for q in questions}) == len(questions)


def test_bank_covers_the_syllabus():
    per_topic = {t: sum(1 for q in SHIPPED if q.topic == t) for t in TOPICS}
    thin = {t: n for t, n in per_topic.items() if n < MIN_PER_TOPIC}
    assert not thin, f"topics with fewer than {MIN_PER_TOPIC} questions: {thin}"
    assert len(SHIPPED) >= MIN_QUESTIONS


def test_every_question_has_chinese_texts():
    missing = [q.id for q in SHIPPED if not (q.zh.get("question") and q.zh.get("explanation"))]
    assert not missing


def test_exercise_links_exist():
    ids = {p.name for p in (REPO / "exercises").iterdir() if (p / "exercise.yaml").is_file()}
    assert bank.check_links(SHIPPED, ids) == []


def test_every_known_error_in_the_notes_has_a_question():
    marked = [q.id for q in SHIPPED if q.notes_error]
    assert len(marked) >= MIN_NOTES_ERRORS, marked


def test_computed_formats_are_a_third_of_the_bank():
    computed = sum(1 for q in SHIPPED if q.format in ("numeric", "shape", "predict"))
    assert computed * 3 >= len(SHIPPED), f"{computed} of {len(SHIPPED)}"


@pytest.mark.parametrize("question", CHECKED, ids=lambda q: q.id)
def test_answer_is_what_pytorch_does(question):
    """numeric/shape: several seeded draws against `verify`; predict: run `code`; bug: verify the fix."""
    assert verify.check(question) == []


def test_the_checks_catch_a_wrong_answer(tmp_path):
    text = (FIXTURE_QUIZZES / "normalization.yaml").read_text(encoding="utf-8")
    (tmp_path / "normalization.yaml").write_text(text.replace('answer: "2 * d"', 'answer: "2 * d + 1"'), encoding="utf-8")
    (tmp_path / "tensors.yaml").write_text(
        (FIXTURE_QUIZZES / "tensors.yaml").read_text(encoding="utf-8")
        .replace('answer: "(B, H, T, T)"', 'answer: "(B, T, H, T)"').replace('answer: "False"', 'answer: "True"'),
        encoding="utf-8")
    found = {q.id: verify.check(q) for q in bank.load_bank(root=tmp_path) if verify.checkable(q)}
    assert found["fx-ln-params"] and "verify gives" in found["fx-ln-params"][0]
    assert found["fx-attn-scores-shape"] and found["fx-t-contiguous"]
    assert found["fx-ln-bug"] == []
