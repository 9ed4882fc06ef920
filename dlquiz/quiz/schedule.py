"""FSRS scheduling (the `fsrs` package, 6.x) and the review state in `.dlquiz/reviews.json`.

Grades become FSRS ratings: wrong → Again; right but slow, or after a hint → Hard; right →
Good; the learner may raise a right answer to Easy, except for single and multiple choice
(where guessing is easy), which stay at most Good. A card is saved as soon as it is graded.

One learning step of a minute: a wrong answer comes back within minutes; a right one
graduates at once to a review days later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dlquiz import FORMAT_VERSION
from dlquiz.store import JsonStore

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
# Seconds after which a right answer counts as slow (Hard); recall is self-rated, so none.
TIME_LIMITS_S = {"single": 20, "multiple": 20, "numeric": 60, "shape": 60, "bug": 45, "predict": 45, "order": 45}
LOG_LIMIT = 5000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def rating_for(fmt: str, correct: bool, *, seconds: float, hinted: bool, easy: bool = False) -> int:
    """The FSRS rating of a graded (not self-rated) answer."""
    if not correct:
        return AGAIN
    if hinted or seconds > TIME_LIMITS_S.get(fmt, 45):
        return HARD
    if easy and fmt not in ("single", "multiple"):
        return EASY
    return GOOD


def self_rating(rating: int, hinted: bool) -> int:
    """A recall self-rating, capped at Hard after a hint."""
    return min(rating, HARD) if hinted and rating > AGAIN else rating


def scheduler(fuzz: bool = True):
    from fsrs import Scheduler

    return Scheduler(learning_steps=(dt.timedelta(minutes=1),), relearning_steps=(dt.timedelta(minutes=10),),
                     enable_fuzzing=fuzz)


def due_of(record: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(record["card"]["due"])


def _reviews_default() -> dict:
    return {"format_version": FORMAT_VERSION, "cards": {}, "log": []}


class Reviews(JsonStore):
    """cards: question id → {topic, card (fsrs Card.to_dict), reviews, lapses}; log: one entry per answer."""

    def __init__(self, root: Path, fuzz: bool = True):
        super().__init__(root, "reviews.json", _reviews_default)
        self.fuzz = fuzz

    def record(self, qid: str, topic: str, fmt: str, rating: int, correct: bool, *,
               seconds: float, hinted: bool, now: dt.datetime | None = None) -> dict:
        """Review the card with `rating`, save at once (atomically), return its new record."""
        from fsrs import Card, Rating

        now = now or utcnow()

        def change(data: dict) -> dict:
            rec = data["cards"].get(qid) or {"reviews": 0, "lapses": 0}
            card = Card.from_dict(rec["card"]) if "card" in rec else Card(due=now)
            was_learnt = rec["reviews"] > 0 and rec.get("last_rating", AGAIN) > AGAIN
            card, _ = scheduler(self.fuzz).review_card(card, Rating(rating), now, round(seconds * 1000))
            rec.update(topic=topic, format=fmt, card=card.to_dict(), reviews=rec["reviews"] + 1,
                       lapses=rec["lapses"] + (rating == AGAIN and was_learnt), last_rating=rating)
            data["cards"][qid] = rec
            data["log"].append({"id": qid, "topic": topic, "format": fmt, "rating": rating, "correct": correct,
                                "at": now.isoformat(timespec="seconds"), "seconds": round(seconds, 2),
                                "hinted": hinted})
            del data["log"][:-LOG_LIMIT]
            return dict(rec)

        return self.update(change)
