"""Every Rich view of the quiz: a question, the feedback, the summary, the bank, the stats.

Functions take a Console, like dlquiz.render, so tests can render to a StringIO.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markdown import Markdown
from rich.padding import Padding
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from dlquiz.render import DIFFICULTY, BAD, OK
from dlquiz.topics import TOPICS

if TYPE_CHECKING:
    from dlquiz.quiz.bank import Question
    from dlquiz.quiz.grade import Asked, Result
    from dlquiz.quiz.session import Answered

KEYS = "keys: ? hint · s skip (shows the answer) · q quit"
HOW = {
    "single": "type one letter", "multiple": "type every right letter, like `a c`",
    "numeric": "type a number", "bug": "type the number of the wrong line",
    "predict": "type what it prints", "order": "type the step numbers in the right order, like `3 1 2`",
    "recall": "answer in your head (or type it), then press Enter to see the model answer",
}
RATING_STYLE = {1: BAD, 2: "yellow", 3: OK, 4: "bold green"}


def fill(text: str, params: dict) -> str:
    """Put the drawn params into the {name} placeholders (other braces stay as they are)."""
    def sub(m: re.Match) -> str:
        return str(params[m.group(1)]) if m.group(1) in params else m.group(0)

    return re.sub(r"\{([A-Za-z_]\w*)\}", sub, text)


def due_text(due: dt.datetime, now: dt.datetime | None = None) -> str:
    seconds = (due - (now or dt.datetime.now(dt.timezone.utc))).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 36 * 3600:
        return f"in {round(seconds / 3600)} h"
    return f"in {round(seconds / 86400)} days ({due.astimezone().date().isoformat()})"


def _code(console: Console, code: str, numbers: bool) -> None:
    console.print(Syntax(code.rstrip("\n"), "python", theme="ansi_dark", background_color="default",
                         line_numbers=numbers))


def question(console: Console, asked: "Asked", index: int, total: int, lang: str, keys: bool) -> None:
    q = asked.question
    console.print()
    console.print(Text.assemble((f"[{index + 1}/{total}] ", "bold"), (TOPICS[q.topic], "bold magenta"),
                                (f" · {q.format} · {DIFFICULTY[q.difficulty]} · {q.id}", "dim")))
    console.print(Markdown(fill(q.text("question", lang), asked.params)))
    if q.code:
        _code(console, q.code, numbers=q.format == "bug")
    if q.format in ("single", "multiple"):
        texts = q.text("options", lang)
        _listing(console, [(f"{'abcdefgh'[pos]})", texts[i]) for pos, i in enumerate(asked.order)])
    elif q.format == "order":
        items = q.text("items", lang)
        _listing(console, [(f"{pos + 1}.", items[i]) for pos, i in enumerate(asked.order)])
    how = HOW.get(q.format) or f"type a shape with the symbols {', '.join(q.symbols)}, like (B, T, C)"
    if q.format == "numeric" and q.unit:
        how += f" ({q.unit})"
    console.print(Text(how, style="dim"))
    if keys:
        console.print(Text(KEYS, style="dim"))
    console.file.flush()


def _listing(console: Console, rows: list[tuple[str, str]], style: str = "") -> None:
    """Labelled lines (options, steps) whose wrapped text stays indented under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(style=style)
    for label, text in rows:
        grid.add_row(label, text)
    console.print(Padding(grid, (0, 0, 0, 2)))


def echo(console: Console, line: str) -> None:
    """A scripted answer, shown where the learner would have typed it."""
    console.print(Text(f"> {line}", style="bold"))


def hint(console: Console, q: "Question", lang: str) -> None:
    text = q.text("hint", lang)
    console.print(Text(f"hint: {text}" if text else "There is no hint for this one.", style="yellow"))


def retry(console: Console, problem: str) -> None:
    console.print(Text(f"Not read as an answer: {problem}. Try again.", style="yellow"))


def right_now(console: Console) -> None:
    console.print(Text.assemble(("✓ right. ", "bold green"), "Was it easy?"))


def model_answer(console: Console, q: "Question", lang: str) -> None:
    console.print(Padding(Markdown(q.text("answer", lang)), (0, 2)))


def feedback(console: Console, done: "Answered", result: "Result", lang: str, *, skipped: bool = False) -> None:
    q = done.asked.question
    rating = Text(done_rating(done), style=RATING_STYLE[done.rating])
    when = Text(f" · next {due_text(done.next_due)}", style="dim")
    if q.format == "recall":
        console.print(Text.assemble("skipped · " if skipped else "self-rated ", rating, when))
    elif done.correct:
        console.print(Text.assemble(("✓ right", "bold green"), " · ", rating, when))
    else:
        head = "skipped" if skipped else "✗ wrong"
        console.print(Text.assemble((head, "bold red"), " · answer: ", (result.expected, "bold"), " · ", rating, when))
        if q.format in ("single", "multiple") or q.format == "order":
            _show_right(console, done.asked, lang)
    if result.note:
        console.print(Text(result.note, style="yellow"))
    console.print(Padding(Markdown(fill(q.text("explanation", lang), done.asked.params)), (0, 2)), style="dim")
    console.file.flush()


def done_rating(done: "Answered") -> str:
    from dlquiz.quiz.schedule import RATING_NAMES

    return RATING_NAMES[done.rating]


def _show_right(console: Console, asked: "Asked", lang: str) -> None:
    q = asked.question
    if q.format == "order":
        _listing(console, [(f"{n}.", item) for n, item in enumerate(q.text("items", lang), 1)], style="green")
        return
    texts = q.text("options", lang)
    _listing(console, [(f"{ch})", texts[asked.order["abcdefgh".index(ch)]]) for ch in asked.correct_letters()],
             style="green")


def summary(console: Console, answered: list["Answered"]) -> None:
    if not answered:
        console.print("No question was answered; nothing was recorded.")
        return
    table = Table(show_edge=False, header_style="bold", title="this session", title_justify="left")
    for name, justify in (("topic", "left"), ("right", "right"), ("wrong", "right"), ("next due", "left")):
        table.add_column(name, justify=justify)
    by_topic: dict[str, list] = {}
    for a in answered:
        by_topic.setdefault(a.asked.question.topic, []).append(a)
    for topic, rows in by_topic.items():
        right = sum(a.correct for a in rows)
        table.add_row(TOPICS[topic], str(right), str(len(rows) - right), due_text(min(a.next_due for a in rows)))
    console.print()
    console.print(table)
    right = sum(a.correct for a in answered)
    console.print(Text(f"{right}/{len(answered)} right · {sum(a.seconds for a in answered):.0f} s", style="bold"))
    console.print("Next: `dlquiz quiz --due` when reviews are due; `dlquiz quiz stats` for the forecast.", style="dim")


def nothing_to_ask(console: Console, cards: dict, due_only: bool) -> None:
    from dlquiz.quiz.schedule import due_of

    if cards:
        first = min(cards, key=lambda k: due_of(cards[k]))
        console.print(f"Nothing is due now; the next review ({first}) is {due_text(due_of(cards[first]))}.")
    else:
        console.print("Nothing to ask.")
    console.print("Learn new questions with `dlquiz quiz --new 5`." if due_only else
                  "Every question of this selection has been seen; come back when reviews are due.", style="dim")


def bank_table(console: Console, questions: list["Question"]) -> None:
    table = Table(show_edge=False, header_style="bold")
    for name in ("id", "topic", "format", "level", "languages", "exercise"):
        table.add_column(name)
    for q in questions:
        table.add_row(q.id, q.topic, q.format, DIFFICULTY[q.difficulty], " ".join(q.languages), q.exercise or "")
    console.print(table)
    topics = len({q.topic for q in questions})
    console.print(Text(f"{len(questions)} questions over {topics} topic{'s' if topics != 1 else ''}", style="bold"))


def stats_view(console: Console, stats: dict) -> None:
    from rich.progress_bar import ProgressBar

    ret = stats["retention"]
    share = "—" if ret["reviews"] == 0 else f"{ret['share']:.0%}"
    console.print(Text.assemble(("retention ", "bold"), share,
                                (f"  ({ret['right']} right of {ret['reviews']} answers in the last {ret['days']} days)", "dim")))
    console.print(Text(f"{stats['cards']} questions seen · {stats['due_now']} due now", style="dim"))
    console.print()
    console.print(Text("due per day, next 14 days", style="bold"))
    peak = max([d["due"] for d in stats["forecast"]] + [1])
    for day in stats["forecast"]:
        row = Table.grid(padding=(0, 1))
        row.add_row(Text(f"{day['date'][5:]:>5}"), ProgressBar(total=peak, completed=day["due"], width=30),
                    Text(str(day["due"])))
        console.print(row)
    if stats["weakest"]:
        console.print()
        table = Table(show_edge=False, header_style="bold", title="weakest topics", title_justify="left")
        for name in ("topic", "retention", "answers", "lapses"):
            table.add_column(name, justify="left" if name == "topic" else "right")
        for t in stats["weakest"]:
            table.add_row(TOPICS[t["topic"]], f"{t['share']:.0%}", str(t["reviews"]), str(t["lapses"]))
        console.print(table)
