"""`dlquiz quiz` and its subcommands: thin Typer commands that parse and delegate."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from dlquiz.errors import DlquizError

quiz_app = typer.Typer(no_args_is_help=False, add_completion=False, rich_markup_mode=None)

TopicOpt = typer.Option(None, "--topic", "-t", help="Only questions of this topic (see `dlquiz quiz bank`).")
JsonOpt = typer.Option(False, "--json", help="Print one machine-readable JSON report instead of the screen.")
LangOpt = typer.Option(None, "--lang", help="Language of the questions: en or zh (default: $DLQUIZ_LANG or en).")


def _warn(store) -> None:
    from dlquiz import render

    for w in store.warnings:
        render.warning(render.make_console(stderr=True), w)
    store.warnings.clear()


def _reviews(fuzz: bool = True):
    from dlquiz import workspace
    from dlquiz.quiz.schedule import Reviews

    store = Reviews(workspace.require().root, fuzz=fuzz)
    data = store.load()
    _warn(store)
    return store, data


def _reader(answers: str):
    from dlquiz.quiz.session import scripted_reader

    if answers == "-":
        return scripted_reader(sys.stdin.read().splitlines())
    path = Path(answers)
    if not path.is_file():
        raise DlquizError(f"answers file {answers} does not exist.",
                          hint="Give a file with one answer per line, or `--answers -` to read stdin.")
    return scripted_reader(path.read_text(encoding="utf-8").splitlines())


@quiz_app.callback(invoke_without_command=True)
def quiz(
    ctx: typer.Context,
    topic: Optional[str] = TopicOpt,
    count: int = typer.Option(20, "-n", "--count", min=1, help="Ask at most this many questions."),
    due: bool = typer.Option(False, "--due", help="Only reviews that are due; no new questions."),
    new: int = typer.Option(10, "--new", min=0, help="At most this many new questions (after the due reviews)."),
    lang: Optional[str] = LangOpt,
    answers: Optional[str] = typer.Option(None, "--answers", metavar="FILE|-",
                                          help="Non-interactive: one answer per line from FILE (or - for stdin). "
                                               "Recall lines are a self-rating (again/hard/good/easy); "
                                               "append ` | easy` to raise a right answer to Easy; "
                                               "a `?` line shows the hint, `s` skips, `q` stops."),
    json_out: bool = JsonOpt,
    seed: Optional[int] = typer.Option(None, "--seed", help="Fix shuffles, drawn numbers and review intervals (for scripts and tests)."),
) -> None:
    """Drill the concepts behind the exercises with spaced repetition (FSRS): due reviews first, then new questions.

    Keys: ? hint (the grade is then at most Hard), s skip and show the answer, q quit. Answers
    are timed: a right answer slower than 20 s (single/multiple choice), 60 s (numeric, shape)
    or 45 s (bug, predict, order) counts as Hard. After a right answer, Enter keeps Good and
    `e` raises it to Easy (not for choice questions). Every answer is saved at once.
    """
    if ctx.invoked_subcommand is not None:
        return
    from dlquiz.spec import language
    from dlquiz.quiz import session
    from dlquiz.topics import check_topic

    check_topic(topic)
    store, data = _reviews(fuzz=seed is None)
    code = session.main(store, data["cards"], topic=topic, count=count, new=new, due_only=due, lang=language(lang),
                        reader=_reader(answers) if answers is not None else None, json_out=json_out, seed=seed)
    raise typer.Exit(code)


@quiz_app.command("bank")
def bank_(topic: Optional[str] = TopicOpt, json_out: bool = JsonOpt,
          check: bool = typer.Option(False, "--check", help="Validate every file and `exercise:` link; exit 1 on a problem."),
          verify: bool = typer.Option(False, "--verify", help="With --check: also run every PyTorch check (imports torch).")) -> None:
    """List the question bank: id, topic, format, level, languages, linked exercise."""
    from dlquiz import render
    from dlquiz.quiz import bank

    questions = bank.load_bank(topic)
    if check:
        from dlquiz import catalog

        problems = bank.check_links(questions, {s.id for s in catalog.all_specs()})
        if verify:
            from dlquiz.quiz import verify as verifier

            for q in questions:
                problems += verifier.check(q) if verifier.checkable(q) else []
        console = render.make_console(stderr=True)
        for p in problems:
            render.error(console, p)
        if problems:
            raise typer.Exit(1)
        render.success(render.make_console(), f"{len(questions)} questions valid"
                       + (", every computed answer verified." if verify else "."))
        return
    if json_out:
        rows = [{"id": q.id, "topic": q.topic, "format": q.format, "difficulty": q.difficulty,
                 "languages": list(q.languages), "exercise": q.exercise, "notes_error": q.notes_error}
                for q in questions]
        typer.echo(json.dumps({"format_version": 1, "questions": rows}, ensure_ascii=False, indent=2))
        return
    from dlquiz.quiz import view

    view.bank_table(render.make_console(), questions)


@quiz_app.command("stats")
def stats(json_out: bool = JsonOpt) -> None:
    """Retention over the last 30 days, cards due per day for 14 days, weakest topics."""
    from dlquiz import render
    from dlquiz.quiz import stats as stats_mod
    from dlquiz.quiz import view

    _, data = _reviews()
    result = stats_mod.compute(data)
    if json_out:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    view.stats_view(render.make_console(), result)


@quiz_app.command("export")
def export(anki: Path = typer.Option(..., "--anki", metavar="FILE", help="Write an Anki deck (.apkg) here."),
           topic: Optional[str] = TopicOpt, lang: Optional[str] = LangOpt) -> None:
    """Write the bank as an Anki deck (needs the optional genanki: pip install "dlquiz[anki]")."""
    from dlquiz import render
    from dlquiz.spec import language
    from dlquiz.quiz import anki as anki_mod
    from dlquiz.quiz import bank

    n = anki_mod.export(bank.load_bank(topic), anki, language(lang))
    render.success(render.make_console(), f"Wrote {n} cards to {render.rel(anki)}. Import it in Anki: File → Import.")
