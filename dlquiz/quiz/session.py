"""A quiz session: pick the questions (due reviews first, then new ones), ask, grade, schedule.

The same loop serves the terminal and scripts: it reads one line at a time from a `reader`
(input() on a terminal, or the lines of an --answers file). Special lines: `?` shows the hint
(the grade is then at most Hard), `s` skips and shows the answer (counts as Again), `q` quits.
A scripted line may end in ` | easy` to raise a right answer to Easy; for recall questions
the line is the self-rating itself. Each answer is saved the moment it is graded.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from dlquiz.errors import DlquizError
from dlquiz.quiz import bank, schedule, view
from dlquiz.quiz import grade as grading
from dlquiz.quiz.bank import Question
from dlquiz.quiz.schedule import AGAIN, EASY, GOOD, RATING_NAMES

Reader = Callable[[str], Optional[str]]  # prompt → line, or None at the end of input


@dataclass
class Answered:
    asked: grading.Asked
    given: str
    correct: bool
    rating: int
    seconds: float
    hinted: bool
    next_due: dt.datetime

    def to_json(self) -> dict:
        q = self.asked.question
        return {"id": q.id, "topic": q.topic, "format": q.format, "params": self.asked.params,
                "given": self.given, "correct": self.correct, "rating": RATING_NAMES[self.rating],
                "seconds": round(self.seconds, 2), "hinted": self.hinted,
                "next_due": self.next_due.isoformat(timespec="seconds")}


class Quit(Exception):
    """The learner typed `q`, or the input ended."""


def select(questions: list[Question], cards: dict, *, now: dt.datetime, limit: int, new_limit: int,
           due_only: bool) -> list[Question]:
    """Due reviews first (most overdue first), then new questions in teaching order."""
    due = sorted((q for q in questions if q.id in cards and schedule.due_of(cards[q.id]) <= now),
                 key=lambda q: schedule.due_of(cards[q.id]))
    picked = due[:limit]
    if not due_only:
        fresh = sorted((q for q in questions if q.id not in cards), key=lambda q: q.difficulty)
        picked += fresh[:max(0, min(new_limit, limit - len(picked)))]
    return picked


def scripted_reader(lines: Iterable[str]) -> Reader:
    it = iter(lines)

    def read(prompt: str) -> str | None:
        line = next(it, None)
        return None if line is None else line.rstrip("\r\n")

    return read


class Session:
    def __init__(self, store: schedule.Reviews, *, reader: Reader, console, lang: str = "en",
                 seed: int | None = None, interactive: bool = False):
        self.store, self.read, self.console = store, reader, console
        self.lang, self.seed, self.interactive = lang, seed, interactive
        self.answered: list[Answered] = []

    def run(self, questions: list[Question]) -> list[Answered]:
        for index, q in enumerate(questions):
            try:
                self.ask(grading.prepare(q, self.seed), index, len(questions))
            except Quit:
                break
        return self.answered

    def _line(self, prompt: str = "> ") -> str:
        line = self.read(prompt)
        if line is None or line.strip() == "q":
            raise Quit
        return line

    def ask(self, asked: grading.Asked, index: int, total: int) -> Answered:
        q = asked.question
        view.question(self.console, asked, index, total, self.lang, keys=self.interactive)
        start, hinted = time.monotonic(), False
        while True:
            line = self._line()
            if not self.interactive:
                view.echo(self.console, line)
            easy = False
            if not self.interactive and "|" in line and line.rsplit("|", 1)[1].strip().lower() == "easy":
                line, easy = line.rsplit("|", 1)[0], True
            text = line.strip()
            if text == "?":
                hinted = hinted or bool(q.text("hint", self.lang))  # no hint to see: no cap
                view.hint(self.console, q, self.lang)
                continue
            if text == "s":
                if q.format == "recall":
                    view.model_answer(self.console, q, self.lang)
                result = grading.Result(False, asked.correct_answer() if q.format != "recall" else "")
                return self._save(asked, "s", result, AGAIN, start, hinted, skipped=True)
            if q.format == "recall":
                return self._recall(asked, text, start, hinted)
            try:
                result = grading.grade(asked, text, self.lang)
            except grading.Unreadable as exc:
                if self.interactive:
                    view.retry(self.console, str(exc))
                    continue
                result = grading.Result(False, asked.correct_answer(), f"could not read {text!r}: {exc}")
            seconds = time.monotonic() - start
            rating = schedule.rating_for(q.format, result.correct, seconds=seconds, hinted=hinted, easy=easy)
            if self.interactive and rating == GOOD and q.format not in ("single", "multiple"):
                view.right_now(self.console)
                try:
                    reply = self._line("Enter = good, e = easy > ")
                except (Quit, KeyboardInterrupt):  # graded already: keep it as Good, then stop
                    self._save(asked, text, result, rating, start, hinted, seconds=seconds)
                    raise
                rating = EASY if reply.strip().lower() == "e" else rating
            return self._save(asked, text, result, rating, start, hinted, seconds=seconds)

    def _recall(self, asked: grading.Asked, text: str, start: float, hinted: bool) -> Answered:
        if self.interactive:  # the first line was the learner's own attempt; now the model answer
            view.model_answer(self.console, asked.question, self.lang)
            while True:
                try:
                    rating = grading.recall_rating(self._line("again / hard / good / easy > "))
                    break
                except grading.Unreadable as exc:
                    view.retry(self.console, str(exc))
        else:
            view.model_answer(self.console, asked.question, self.lang)
            try:
                rating = grading.recall_rating(text)
            except grading.Unreadable:
                rating = AGAIN
        rating = schedule.self_rating(rating, hinted)
        result = grading.Result(rating > AGAIN, "")
        return self._save(asked, RATING_NAMES[rating], result, rating, start, hinted)

    def _save(self, asked: grading.Asked, given: str, result: grading.Result, rating: int, start: float,
              hinted: bool, *, seconds: float | None = None, skipped: bool = False) -> Answered:
        q = asked.question
        seconds = time.monotonic() - start if seconds is None else seconds
        rec = self.store.record(q.id, q.topic, q.format, rating, result.correct, seconds=seconds, hinted=hinted)
        done = Answered(asked, given, result.correct, rating, seconds, hinted, schedule.due_of(rec))
        self.answered.append(done)
        view.feedback(self.console, done, result, self.lang, skipped=skipped)
        return done


def terminal_reader(console) -> Reader:
    def read(prompt: str) -> str | None:
        try:
            return console.input(prompt)
        except EOFError:
            return None

    return read


def main(store: schedule.Reviews, cards: dict, *, topic: str | None, count: int, new: int, due_only: bool,
         lang: str, reader: Reader | None, json_out: bool, seed: int | None) -> int:
    """`dlquiz quiz`: plan, ask (on the terminal when `reader` is None), then the summary or the JSON report."""
    from rich.console import Console

    from dlquiz import render

    questions = bank.load_bank(topic)
    if not questions:
        raise DlquizError(f"the question bank at {render.rel(bank.quizzes_root())} has no questions"
                          + (f" for {topic}." if topic else "."), hint="Check `dlquiz quiz bank`.")
    plan = select(questions, cards, now=schedule.utcnow(), limit=count, new_limit=new, due_only=due_only)
    interactive = reader is None
    console = Console(quiet=True) if json_out and not interactive else render.make_console(stderr=json_out)
    runner = Session(store, reader=reader or terminal_reader(console), console=console, lang=lang, seed=seed,
                     interactive=interactive)
    if not plan and not json_out:
        view.nothing_to_ask(console, cards, due_only)
        return 0
    try:
        done = runner.run(plan)
    except KeyboardInterrupt:
        n = len(runner.answered)
        sys.stderr.write(f"\nquiz stopped after {n} answer{'s' if n != 1 else ''}, each saved in .dlquiz/reviews.json.\n")
        return 130
    if json_out:
        print(json.dumps({"format_version": 1, "seed": seed, "asked": len(done), "right": sum(a.correct for a in done),
                          "questions": [a.to_json() for a in done]}, ensure_ascii=False, indent=2))
    else:
        view.summary(console, done)
    return 0
