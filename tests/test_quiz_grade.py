"""Grading units: expressions, each format's normalization, ratings; bank validation errors."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest

from dlquiz.errors import DlquizError
from dlquiz import expr
from dlquiz.quiz import bank, grade, schedule
from dlquiz.quiz.grade import Unreadable

ZH = "    zh: {question: 问, explanation: 解}\n"


def load(tmp_path: Path, body: str, topic: str = "tensors") -> list[bank.Question]:
    path = tmp_path / f"{topic}.yaml"
    path.write_text(f"format_version: 1\ntopic: {topic}\nquestions:\n" + textwrap.dedent(body), encoding="utf-8")
    return bank.load_file(path)


def one(tmp_path: Path, body: str) -> bank.Question:
    return load(tmp_path, body)[0]


SHAPE = """\
- id: scores
  format: shape
  difficulty: 1
  symbols: {B: [2, 6], H: [2, 3], T: [2, 3], D: [4, 16]}
  question: q
  answer: "(B, H, T, T)"
  verify: "result = (B, H, T, T)"
  explanation: e
  zh: {question: 问, explanation: 解}
"""


# -- expressions ----------------------------------------------------------------------------
def test_expressions_evaluate_the_whitelist():
    env = {"in_f": 16, "out_f": 8, "bias": False}
    assert expr.evaluate("in_f * out_f + (out_f if bias else 0)", env) == 128
    assert expr.evaluate("floor((32 + 2*1 - 3) / 2) + 1") == 16
    assert expr.evaluate("max(2, 3) ** 2 // 2 % 5 - -1") == 5
    assert expr.evaluate("sqrt(16) + log2(8) + ceil(0.2) + abs(-1) + int(2.7) + round(1.4)") == 12
    assert expr.evaluate("1 < 2 <= 2 and not False") is True


@pytest.mark.parametrize("text", ["__import__('os').system('true')", "x.real", "(lambda: 1)()", "[1, 2]",
                                  "'text'", "open('f')", "max(1, key=abs)", "y", "2 ** 10000"])
def test_expressions_refuse_everything_else(text):
    with pytest.raises(expr.ExprError):
        expr.evaluate(expr.parse(text, {"x"}), {"x": 1})


def test_distinct_sizes_never_collide():
    draws = {"B": bank.Draw(2, 3), "H": bank.Draw(2, 3), "T": bank.Draw(2, 4)}
    rng = random.Random(0)
    for _ in range(200):
        env = bank.distinct_sample(draws, rng)
        assert len(set(env.values())) == 3
    assert bank.distinct_sample({"A": bank.Draw(2, 2), "B": bank.Draw(2, 2)}, rng) is None


# -- formats --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["(B, H, T, T)", "B,H,T,T", "[B, H, T, T]", "torch.Size([B, H, T, T])",
                                  " ( B,H , T,T ) ", "(B, H, T*1, T)"])
def test_shape_spellings_are_accepted(tmp_path, text):
    asked = grade.prepare(one(tmp_path, SHAPE), seed=1)
    assert grade.grade(asked, text).correct


@pytest.mark.parametrize("text", ["(B, T, H, T)", "(B, H, T)", "(B, H, T, T, 1)", "(H, B, T, T)", "(B, H, T, D)"])
def test_wrong_shapes_are_rejected_even_when_sizes_could_collide(tmp_path, text):
    # H and T share the range [2, 3]: only distinct sizes per draw keep (B, T, H, T) from passing.
    q = one(tmp_path, SHAPE)
    for seed in range(30):
        assert not grade.grade(grade.prepare(q, seed=seed), text).correct


def test_shape_with_unknown_names_is_unreadable(tmp_path):
    asked = grade.prepare(one(tmp_path, SHAPE), seed=1)
    with pytest.raises(Unreadable, match="unknown name 'nh'"):
        grade.grade(asked, "(B, nh, T, T)")


def test_shape_expressions_are_compared_by_value(tmp_path):
    q = one(tmp_path, SHAPE.replace('"(B, H, T, T)"', '"(B, T, H*D)"').replace("(B, H, T, T)\"", "(B, T, H*D)\""))
    asked = grade.prepare(q, seed=2)
    assert grade.grade(asked, "(B, T, D*H)").correct
    assert not grade.grade(asked, "(B, T, H+D)").correct


CHOICE = """\
- id: pick
  format: multiple
  difficulty: 1
  question: q
  explanation: e
  options:
    - {text: one, correct: true}
    - {text: two, correct: true}
    - {text: three, feedback: "three is wrong because"}
    - {text: four, feedback: "four is wrong because"}
  zh: {question: 问, explanation: 解, options: [一, 二, 三, 四]}
"""


def test_multiple_choice_needs_the_exact_set(tmp_path):
    asked = grade.prepare(one(tmp_path, CHOICE), seed=5)
    right = asked.correct_letters()
    wrong = [ch for ch in "abcd" if ch not in right]
    assert grade.grade(asked, " ".join(reversed(right))).correct  # order does not matter
    assert grade.grade(asked, ",".join(right)).correct
    assert grade.grade(asked, "".join(right)).correct
    assert not grade.grade(asked, right[0]).correct  # a subset
    superset = grade.grade(asked, " ".join(right + wrong[:1]))
    assert not superset.correct and "wrong because" in superset.note
    assert "wrong because" in grade.grade(asked, wrong[0], lang="zh").note  # no zh feedback: the English one
    with pytest.raises(Unreadable):
        grade.grade(asked, "z")


def test_single_choice_takes_one_letter_and_shows_feedback(tmp_path):
    body = CHOICE.replace("multiple", "single").replace("{text: two, correct: true}", "{text: two, feedback: nope}")
    asked = grade.prepare(one(tmp_path, body), seed=3)
    [right] = asked.correct_letters()
    assert grade.grade(asked, right.upper()).correct
    other = next(ch for ch in "abcd" if ch != right)
    assert not grade.grade(asked, other).correct
    with pytest.raises(Unreadable, match="exactly one"):
        grade.grade(asked, f"{right} {other}")


def test_options_are_shuffled_reproducibly(tmp_path):
    q = one(tmp_path, CHOICE)
    assert grade.prepare(q, seed=1).order == grade.prepare(q, seed=1).order
    assert len({tuple(grade.prepare(q, seed=s).order) for s in range(20)}) > 3


ORDER = """\
- id: steps
  format: order
  difficulty: 1
  question: q
  explanation: e
  items: [zero_grad, forward, backward, step]
  zh: {question: 问, explanation: 解, items: [清零, 前向, 反向, 更新]}
"""


def test_order(tmp_path):
    q = one(tmp_path, ORDER)
    for seed in range(10):
        asked = grade.prepare(q, seed=seed)
        assert asked.order != [0, 1, 2, 3]  # never shown already solved
        right = asked.correct_answer()
        assert grade.grade(asked, right).correct
        assert grade.grade(asked, right.replace(" ", "")).correct
        assert grade.grade(asked, right.replace(" ", ", ")).correct
        assert not grade.grade(asked, " ".join(reversed(right.split()))).correct
    with pytest.raises(Unreadable):
        grade.grade(asked, "1 2 2 3")


PREDICT = """\
- id: out
  format: predict
  difficulty: 1
  question: q
  explanation: e
  code: "print(x)"
  answer: "{answer}"
  zh: {{question: 问, explanation: 解}}
"""


@pytest.mark.parametrize("answer, typed, ok", [
    ("torch.Size([3, 4])", "(3, 4)", True), ("torch.Size([3, 4])", "[3,4]", True),
    ("torch.Size([3, 4])", "torch.Size([3, 4])", True), ("torch.Size([3, 4])", "(4, 3)", False),
    ("torch.Size([12])", "(12,)", True), ("torch.Size([12])", "12", False),
    ("torch.float32", "float32", True), ("torch.float32", "Float32", True), ("torch.float32", "float16", False),
    ("False", "false", True), ("False", " FALSE ", True), ("False", "True", False),
    ("(4, 1)", "(4,1)", True), ("True False", "true, false", True), ("True False", "(True, False)", False),
    ("True False", "False True", False), ("tensor(2.)", "2.0", True), ("0.5", ".5", True), ("0.5", "0.51", False),
])
def test_predict_normalization(tmp_path, answer, typed, ok):
    asked = grade.prepare(one(tmp_path, PREDICT.format(answer=answer)))
    assert grade.grade(asked, typed).correct is ok


NUMERIC = """\
- id: count
  format: numeric
  difficulty: 1
  params: {{in_f: [16, 1024], out_f: [16, 1024], bias: [true, false]}}
  question: "nn.Linear({{in_f}}, {{out_f}}, bias={{bias}})"
  answer: "{answer}"
  rel_tol: {rel_tol}
  verify: "result = 0"
  explanation: e
  zh: {{question: 问, explanation: 解}}
"""


def test_numeric_exact_for_integers(tmp_path):
    q = one(tmp_path, NUMERIC.format(answer="in_f * out_f + (out_f if bias else 0)", rel_tol=0))
    asked = grade.prepare(q, seed=4)
    want = asked.params["in_f"] * asked.params["out_f"] + (asked.params["out_f"] if asked.params["bias"] else 0)
    assert grade.grade(asked, str(want)).correct
    assert grade.grade(asked, f"{want:,}").correct  # 1,024 style
    assert grade.grade(asked, f"{want} ").correct
    assert not grade.grade(asked, str(want + 1)).correct
    assert grade.grade(asked, f"{asked.params['in_f']}*{asked.params['out_f']}"
                              + (f"+{asked.params['out_f']}" if asked.params["bias"] else "")).correct
    with pytest.raises(Unreadable):
        grade.grade(asked, "lots")


def test_numeric_relative_tolerance(tmp_path):
    q = one(tmp_path, NUMERIC.format(answer="in_f * 1000.0", rel_tol=0.01))
    asked = grade.prepare(q, seed=1)
    want = asked.params["in_f"] * 1000.0
    assert grade.grade(asked, str(want * 1.009)).correct
    assert not grade.grade(asked, str(want * 1.02)).correct
    assert grade.grade(asked, f"{want:.3e}").correct


def test_numeric_question_text_gets_the_drawn_params(tmp_path):
    from dlquiz.quiz.view import fill

    q = one(tmp_path, NUMERIC.format(answer="in_f", rel_tol=0))
    asked = grade.prepare(q, seed=9)
    p = asked.params
    assert fill(q.question, p) == f"nn.Linear({p['in_f']}, {p['out_f']}, bias={p['bias']})"
    assert grade.prepare(q, seed=9).params == p


def test_bug_line_numbers(tmp_path):
    q = one(tmp_path, """\
    - id: oops
      format: bug
      difficulty: 1
      question: q
      explanation: e
      code: "a = 1\\nb = 2\\nc = a - b\\n"
      answer: 3
      zh: {question: 问, explanation: 解}
    """)
    asked = grade.prepare(q)
    assert grade.grade(asked, "3").correct and grade.grade(asked, "line 3").correct
    assert not grade.grade(asked, "2").correct
    with pytest.raises(Unreadable):
        grade.grade(asked, "7")


# -- ratings --------------------------------------------------------------------------------
def test_grades_map_to_fsrs_ratings():
    r = schedule.rating_for
    assert r("numeric", False, seconds=1, hinted=False) == schedule.AGAIN
    assert r("numeric", True, seconds=1, hinted=False) == schedule.GOOD
    assert r("numeric", True, seconds=61, hinted=False) == schedule.HARD
    assert r("single", True, seconds=21, hinted=False) == schedule.HARD
    assert r("single", True, seconds=19, hinted=False) == schedule.GOOD
    assert r("bug", True, seconds=5, hinted=True) == schedule.HARD
    assert r("shape", True, seconds=5, hinted=False, easy=True) == schedule.EASY
    assert r("single", True, seconds=5, hinted=False, easy=True) == schedule.GOOD  # choice: at most Good
    assert r("multiple", True, seconds=5, hinted=False, easy=True) == schedule.GOOD
    assert r("shape", True, seconds=5, hinted=True, easy=True) == schedule.HARD
    assert schedule.self_rating(schedule.EASY, hinted=True) == schedule.HARD
    assert schedule.self_rating(schedule.AGAIN, hinted=True) == schedule.AGAIN


# -- bank validation errors name file, line and field ------------------------------------------
@pytest.mark.parametrize("body, where, words", [
    (SHAPE.replace("format: shape", "format: essay"), 2, ["`format`", "essay"]),
    (SHAPE.replace("  zh: {question: 问, explanation: 解}\n", ""), 1, ["`zh`", "required"]),
    (SHAPE.replace(", explanation: 解", ""), 9, ["`zh`", "zh.explanation"]),
    (SHAPE.replace('"(B, H, T, T)"', '"(B, H, N)"'), 6, ["`answer`", "unknown name 'N'"]),
    (SHAPE.replace("verify:", "verfiy:"), 7, ["`verfiy`", "allowed"]),
    (SHAPE.replace("difficulty: 1", "difficulty: 5"), 3, ["`difficulty`"]),
    (SHAPE.replace("id: scores", "id: Scores_1"), 1, ["`id`", "lowercase"]),
    (SHAPE.replace("{B: [2, 6], H: [2, 3], T: [2, 3], D: [4, 16]}", "{B: [2, 2], T: [2, 2]}"), 4, ["distinct"]),
    (CHOICE.replace("{text: one, correct: true}", "{text: one}").replace("{text: two, correct: true}", "{text: two}"),
     6, ["`options`", "at least one correct"]),
    (CHOICE.replace("[一, 二, 三, 四]", "[一, 二]"), 11, ["zh.options", "4 texts"]),
])
def test_bank_errors_name_file_line_and_field(tmp_path, body, where, words):
    with pytest.raises(DlquizError) as info:
        load(tmp_path, body)
    message = info.value.message
    assert message.startswith(f"{tmp_path / 'tensors.yaml'}:{where + 3}: "), message
    for w in words:
        assert w in message


def test_bank_refuses_duplicate_ids_and_a_wrong_topic(tmp_path):
    (tmp_path / "tensors.yaml").write_text("format_version: 1\ntopic: tensors\nquestions:\n" + SHAPE, encoding="utf-8")
    (tmp_path / "layers.yaml").write_text("format_version: 1\ntopic: layers\nquestions:\n" + SHAPE, encoding="utf-8")
    with pytest.raises(DlquizError, match="'scores' is already used at"):
        bank.load_bank(root=tmp_path)
    with pytest.raises(DlquizError, match="must equal the file name"):
        bank.load_file(_renamed(tmp_path))
    newer = tmp_path / "sub"
    newer.mkdir()
    (newer / "tensors.yaml").write_text("format_version: 9\ntopic: tensors\nquestions: []\n", encoding="utf-8")
    with pytest.raises(DlquizError, match="newer than this dlquiz"):
        bank.load_file(newer / "tensors.yaml")


def _renamed(tmp_path: Path) -> Path:
    path = tmp_path / "python.yaml"
    path.write_text("format_version: 1\ntopic: tensors\nquestions:\n" + SHAPE, encoding="utf-8")
    return path
