"""Quiz sessions through the real CLI on the fixture bank (tests/fixtures/quizzes/):
scripted answers move the schedule, --due brings the wrong ones back, Ctrl-C keeps what was
answered, a corrupt reviews.json is set aside; help, errors, stats, export, no torch."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import FIXTURES
from dlquiz.quiz import bank, grade, session

FIXTURE_QUIZZES = FIXTURES / "quizzes"
SEED = 3
RIGHT = {"fx-attn-scores-shape", "fx-ln-params", "fx-ln-bug", "fx-bn-running-var"}
WRONG_TEXT = {"fx-t-contiguous": "True", "fx-block-order": "1 2 3", "fx-norm-recall": "again"}


@pytest.fixture
def quiz_ws(workspace, monkeypatch) -> Path:
    monkeypatch.setenv("DLQUIZ_QUIZZES", str(FIXTURE_QUIZZES))
    return workspace


def reviews(ws: Path) -> dict:
    return json.loads((ws / ".dlquiz" / "reviews.json").read_text(encoding="utf-8"))


def first_session_answers() -> tuple[list[str], list[str]]:
    """(ids in the order asked, answer lines): RIGHT answered right, the others wrong."""
    plan = session.select(bank.load_bank(root=FIXTURE_QUIZZES), {}, now=dt.datetime.now(dt.timezone.utc),
                          limit=20, new_limit=20, due_only=False)
    lines = []
    for q in plan:
        asked = grade.prepare(q, SEED)
        if q.id in RIGHT:
            lines.append(asked.correct_answer())
        elif q.id == "fx-view-ok":
            lines.append(asked.correct_letters()[0])  # half of the right set is wrong
        else:
            lines.append(WRONG_TEXT[q.id])
    return [q.id for q in plan], lines


def shift_back(ws: Path, hours: float) -> None:
    """Pretend `hours` have passed: move every due date and review time back."""
    path = ws / ".dlquiz" / "reviews.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for rec in data["cards"].values():
        for key in ("due", "last_review"):
            when = dt.datetime.fromisoformat(rec["card"][key]) - dt.timedelta(hours=hours)
            rec["card"][key] = when.isoformat()
    path.write_text(json.dumps(data), encoding="utf-8")


def test_scripted_session_moves_the_schedule(cli, quiz_ws):
    order, lines = first_session_answers()
    (quiz_ws / "answers.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = dt.datetime.now(dt.timezone.utc)
    res = cli("quiz", "--answers", "answers.txt", "--seed", SEED, "--new", 20, "--json")
    assert res.code == 0, res.text
    report = res.json()
    assert report["format_version"] == 1 and report["asked"] == 8 and report["right"] == 4
    assert [q["id"] for q in report["questions"]] == order
    for q in report["questions"]:
        assert {"id", "format", "given", "correct", "rating", "next_due"} <= set(q)
        assert q["correct"] is (q["id"] in RIGHT), q
        assert q["rating"] == ("good" if q["id"] in RIGHT else "again")

    cards = reviews(quiz_ws)["cards"]
    assert set(cards) == set(order)
    for qid, rec in cards.items():
        due = dt.datetime.fromisoformat(rec["card"]["due"])
        if qid in RIGHT:
            assert due > before + dt.timedelta(days=1), (qid, due)
        else:
            assert due < before + dt.timedelta(days=1), (qid, due)
    assert len(reviews(quiz_ws)["log"]) == 8

    # Nothing is due right away ...
    res = cli("quiz", "--due", "--answers", "answers.txt", "--json")
    assert res.code == 0 and res.json()["asked"] == 0
    # ... but an hour later the wrong ones are, and only they come back.
    shift_back(quiz_ws, 1)
    (quiz_ws / "again.txt").write_text("s\n" * 8, encoding="utf-8")
    res = cli("quiz", "--due", "--answers", "again.txt", "--seed", SEED, "--json")
    assert res.code == 0, res.text
    again = [q["id"] for q in res.json()["questions"]]
    assert set(again) == set(order) - RIGHT and len(again) == 4
    assert all(q["rating"] == "again" for q in res.json()["questions"])

    # Without --due, due reviews still come first; no new questions are left.
    shift_back(quiz_ws, 1)
    res = cli("quiz", "--answers", "again.txt", "--seed", SEED, "--json")
    assert set(q["id"] for q in res.json()["questions"]) == set(order) - RIGHT


def test_screen_of_a_scripted_session(cli, quiz_ws):
    plan = session.select(bank.load_bank("tensors", root=FIXTURE_QUIZZES), {}, now=dt.datetime.now(dt.timezone.utc),
                          limit=2, new_limit=2, due_only=False)
    assert [q.id for q in plan] == ["fx-attn-scores-shape", "fx-t-contiguous"]
    (quiz_ws / "a.txt").write_text("?\nB,H,T,T | easy\n?\nfalse\n", encoding="utf-8")
    res = cli("quiz", "--topic", "tensors", "-n", 2, "--answers", "a.txt", "--seed", 1)
    assert res.code == 0, res.text
    out = res.out
    assert "[1/2] Tensor mechanics · shape · easy · fx-attn-scores-shape" in out
    assert "hint: The last two axes swap." in out
    assert "✓ right · hard · next in 1 min" in out or "✓ right · hard · next in 2 min" in out  # a hint caps at Hard, even with `| easy`
    assert "There is no hint for this one." in out  # and asking for none does not cap the grade
    assert "print(x.t().is_contiguous())" in out
    assert "✓ right · good · next in 2 days" in out
    assert "The transpose swaps strides without moving data." in out
    assert "this session" in out and "2/2 right" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("Tensor mechanics │"))
    assert row.split("│")[1].strip() == "2" and row.split("│")[2].strip() == "0"


def only(monkeypatch, qid: str) -> bank.Question:
    """Make the next session ask just this fixture question."""
    q = next(q for q in bank.load_bank(root=FIXTURE_QUIZZES) if q.id == qid)
    monkeypatch.setattr(session, "select", lambda *a, **k: [q])
    return q


def test_easy_and_chinese(cli, quiz_ws, monkeypatch):
    n = grade.prepare(only(monkeypatch, "fx-ln-params"), 2)
    (quiz_ws / "b.txt").write_text(f"{n.correct_answer()} | easy\n", encoding="utf-8")
    res = cli("quiz", "--answers", "b.txt", "--seed", 2, "--lang", "zh")
    assert res.code == 0, res.text
    assert f"nn.LayerNorm({n.params['d']}) 有多少可学习参数？" in res.out
    assert "✓ right · easy · next in" in res.out and "每个特征一个权重和一个偏置。" in res.out


def test_single_choice_easy_is_capped(cli, quiz_ws, monkeypatch):
    q = only(monkeypatch, "fx-bn-running-var")
    asked = grade.prepare(q, 7)
    (quiz_ws / "a.txt").write_text(f"{asked.correct_answer()} | easy\n", encoding="utf-8")
    res = cli("quiz", "--answers", "a.txt", "--seed", 7, "--json")
    assert res.json()["questions"][0]["rating"] == "good"


def test_answers_from_stdin_and_quit(dlquiz_proc, quiz_ws):
    res = dlquiz_proc("quiz", "--answers", "-", "--seed", 1, "--json", input="(B, H, T, T)\nq\nFalse\n")
    assert res.code == 0, res.text
    assert [q["id"] for q in res.json()["questions"]] == ["fx-attn-scores-shape"]
    assert set(reviews(quiz_ws)["cards"]) == {"fx-attn-scores-shape"}


def test_ctrl_c_keeps_the_answers_already_given(quiz_ws):
    env = dict(os.environ, DLQUIZ_QUIZZES=str(FIXTURE_QUIZZES))
    proc = subprocess.Popen([sys.executable, "-m", "dlquiz", "quiz", "--seed", "1"], cwd=quiz_ws, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    path = quiz_ws / ".dlquiz" / "reviews.json"
    try:
        # right (then Enter = keep Good), wrong; the third question then waits for input
        proc.stdin.write("(B, H, T, T)\n\nTrue\n")
        proc.stdin.flush()
        end = time.monotonic() + 60
        while time.monotonic() < end and not (path.exists() and len(reviews(quiz_ws)["cards"]) == 2):
            time.sleep(0.1)
        assert path.exists() and len(reviews(quiz_ws)["cards"]) == 2
        time.sleep(0.3)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "quiz stopped after 2 answers, each saved" in err
    assert "keys: ? hint · s skip (shows the answer) · q quit" in out
    assert "Was it easy?" in out
    data = reviews(quiz_ws)
    assert {k: v["last_rating"] for k, v in data["cards"].items()} == {"fx-attn-scores-shape": 3, "fx-t-contiguous": 1}
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_corrupt_reviews_are_set_aside(cli, quiz_ws):
    path = quiz_ws / ".dlquiz" / "reviews.json"
    path.write_text("{not json", encoding="utf-8")
    (quiz_ws / "a.txt").write_text("(B, H, T, T)\n", encoding="utf-8")
    res = cli("quiz", "-n", 1, "--answers", "a.txt", "--seed", 1)
    assert res.code == 0, res.text
    assert "warning: reviews.json could not be read" in res.err and "Your old data is still in that file" in res.err
    aside = [p for p in path.parent.iterdir() if p.name.startswith("reviews.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_text() == "{not json"
    assert set(reviews(quiz_ws)["cards"]) == {"fx-attn-scores-shape"}


def test_stats_after_a_session(cli, quiz_ws):
    order, lines = first_session_answers()
    (quiz_ws / "a.txt").write_text("\n".join(lines), encoding="utf-8")
    assert cli("quiz", "--answers", "a.txt", "--seed", SEED, "--new", 20).code == 0
    res = cli("quiz", "stats", "--json")
    assert res.code == 0, res.text
    stats = res.json()
    assert stats["retention"] == {"days": 30, "reviews": 8, "right": 4, "share": 0.5}
    assert stats["cards"] == 8 and len(stats["forecast"]) == 14
    assert stats["forecast"][0]["due"] >= 4 and sum(d["due"] for d in stats["forecast"]) == 8
    assert [t["topic"] for t in stats["weakest"]] == ["tensors", "normalization"]  # 1/4 right, then 3/4
    text = cli("quiz", "stats")
    assert "retention 50%" in text.out and "due per day, next 14 days" in text.out and "weakest topics" in text.out
    assert "━" in text.out  # the bars


def test_bank_listing(cli, quiz_ws):
    res = cli("quiz", "bank", "--json")
    assert res.code == 0
    rows = {r["id"]: r for r in res.json()["questions"]}
    assert rows["fx-bn-running-var"] == {"id": "fx-bn-running-var", "topic": "normalization", "format": "single",
                                         "difficulty": 2, "languages": ["en", "zh"],
                                         "exercise": "batchnorm_train_eval", "notes_error": True}
    assert len(rows) == 8
    text = cli("quiz", "bank", "--topic", "tensors")
    assert "fx-attn-scores-shape" in text.out and "fx-ln-params" not in text.out and "4 questions" in text.out
    check = cli("quiz", "bank", "--check")
    assert check.code == 0 and "8 questions valid" in check.out


def test_bank_check_reports_a_bad_file(cli, quiz_ws, tmp_path, monkeypatch):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "layers.yaml").write_text("format_version: 1\ntopic: layers\nquestions:\n  - id: x\n    format: essay\n")
    monkeypatch.setenv("DLQUIZ_QUIZZES", str(bad))
    res = cli("quiz", "bank", "--check")
    assert res.code == 2 and "layers.yaml:5: field `format`" in res.err and "Traceback" not in res.text


@pytest.mark.parametrize("args", [["quiz"], ["quiz", "bank"], ["quiz", "stats"], ["quiz", "export"]])
def test_help(cli, args):
    res = cli(*args, "--help")
    assert res.code == 0 and res.out.startswith("Usage: dlquiz " + " ".join(args))


@pytest.mark.parametrize("args", [["quiz", "--topic", "tensor"], ["quiz", "bank", "--topic", "nope"]])
def test_unknown_topic(cli, quiz_ws, args):
    res = cli(*args)
    assert res.code == 2 and "Traceback" not in res.text
    assert res.err.startswith("error: unknown topic")
    assert res.err.splitlines()[0].count(".") == 1


def test_quiz_needs_a_workspace(cli, monkeypatch):
    monkeypatch.setenv("DLQUIZ_QUIZZES", str(FIXTURE_QUIZZES))
    res = cli("quiz", "--answers", "-")
    assert res.code == 2 and "no dlquiz workspace" in res.err and "dlquiz init" in res.err


def test_export_without_genanki_says_how_to_install(cli, quiz_ws, monkeypatch):
    monkeypatch.setitem(sys.modules, "genanki", None)
    res = cli("quiz", "export", "--anki", "deck.apkg")
    assert res.code == 2 and 'pip install "dlquiz[anki]"' in res.err
    assert not (quiz_ws / "deck.apkg").exists()


def test_export_with_genanki(cli, quiz_ws):
    pytest.importorskip("genanki")
    res = cli("quiz", "export", "--anki", "deck.apkg")
    assert res.code == 0, res.text
    assert "Wrote 8 cards" in res.out and (quiz_ws / "deck.apkg").stat().st_size > 0


PROBE = textwrap.dedent("""
    import os, sys
    from typer.testing import CliRunner
    import dlquiz.cli

    runner = CliRunner()
    def invoke(*args, input=None):
        result = runner.invoke(dlquiz.cli.app, list(args), input=input)
        assert result.exit_code == 0, (args, result.output, result.exception)
        heavy = sorted(m for m in sys.modules if m == "torch" or m.startswith("torch.") or m == "numpy")
        assert not heavy, (args, heavy[:3])

    invoke("quiz", "--help")
    invoke("quiz", "bank")
    invoke("quiz", "bank", "--check")
    invoke("init", "ws")
    os.chdir("ws")
    invoke("quiz", "--answers", "-", "--seed", "1", input="(B, H, T, T)\\nFalse\\nb\\n")
    invoke("quiz", "--seed", "1", input="12\\n\\nq\\n")
    invoke("quiz", "stats")
    print("no torch")
""")


def test_quiz_commands_do_not_import_torch(isolated):
    env = dict(os.environ, DLQUIZ_QUIZZES=str(FIXTURE_QUIZZES))
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=isolated, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no torch" in proc.stdout


def test_an_answer_graded_before_quitting_is_kept(dlquiz_proc, quiz_ws):
    # interactive (no --answers): a right answer, then the input ends at the "was it easy?" prompt
    res = dlquiz_proc("quiz", "--seed", "1", input="(B, H, T, T)\n")
    assert res.code == 0, res.text
    assert "Was it easy?" in res.out and "1/1 right" in res.out
    assert reviews(quiz_ws)["cards"]["fx-attn-scores-shape"]["last_rating"] == 3


def test_nothing_due(cli, quiz_ws):
    res = cli("quiz", "--due")
    assert res.code == 0 and "Nothing to ask." in res.out and "dlquiz quiz --new 5" in res.out
