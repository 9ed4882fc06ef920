"""Export the bank as an Anki deck with genanki (the optional `anki` extra)."""

from __future__ import annotations

import html
from pathlib import Path

from dlquiz.errors import DlquizError
from dlquiz.quiz.bank import Question
from dlquiz.quiz.grade import prepare
from dlquiz.quiz.view import fill

DECK_ID = 1_734_205_117  # fixed, so a re-import updates the same deck
MODEL_ID = 1_734_205_118


def _html(text: str) -> str:
    return html.escape(text.strip()).replace("\n", "<br>")


def card_sides(q: Question, lang: str = "en") -> tuple[str, str]:
    """Front and back of one card (numeric params drawn once, with a fixed seed)."""
    asked = prepare(q, seed=0)
    front = [_html(fill(q.text("question", lang), asked.params))]
    if q.code:
        lines = q.code.rstrip("\n").splitlines()
        numbered = [f"{i:>2}  {line}" for i, line in enumerate(lines, 1)] if q.format == "bug" else lines
        front.append("<pre>" + html.escape("\n".join(numbered)) + "</pre>")
    if q.options:
        front.append("<br>".join(f"{'abcde'[i]}) {_html(t)}" for i, t in enumerate(q.text("options", lang))))
    if q.items:
        front.append("<br>".join(f"{i + 1}. {_html(t)}" for i, t in enumerate(sorted(q.text("items", lang)))))
    if q.options:
        answer = "<br>".join(_html(t) for t, o in zip(q.text("options", lang), q.options) if o.correct)
    elif q.items:
        answer = "<br>".join(f"{i + 1}. {_html(t)}" for i, t in enumerate(q.text("items", lang)))
    elif q.format == "recall":
        answer = _html(q.text("answer", lang))
    else:
        answer = _html(asked.correct_answer() if q.format != "bug" else f"line {q.answer}")
    return "<br><br>".join(front), f"<b>{answer}</b><br><br>{_html(fill(q.text('explanation', lang), asked.params))}"


def export(questions: list[Question], path: Path, lang: str = "en") -> int:
    try:
        import genanki
    except ImportError:
        raise DlquizError("exporting to Anki needs the genanki package, which is not installed.",
                          hint='Install it with: pip install "dlquiz[anki]"   (or: pip install genanki)') from None
    model = genanki.Model(MODEL_ID, "dlquiz question", fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Id"}],
                          templates=[{"name": "Card", "qfmt": "{{Front}}",
                                      "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}])
    deck = genanki.Deck(DECK_ID, "dlquiz")
    for q in questions:
        front, back = card_sides(q, lang)
        deck.add_note(genanki.Note(model=model, fields=[front, back, q.id], guid=genanki.guid_for(q.id),
                                   tags=[q.topic, q.format]))
    genanki.Package(deck).write_to_file(str(path))
    return len(questions)
