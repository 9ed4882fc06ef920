"""Quiz statistics from the review state: retention, the due forecast, the weakest topics."""

from __future__ import annotations

import datetime as dt

from dlquiz.quiz.schedule import due_of, utcnow

RETENTION_DAYS = 30
FORECAST_DAYS = 14
WEAKEST = 5


def compute(data: dict, now: dt.datetime | None = None) -> dict:
    """Everything `dlquiz quiz stats` shows (and prints with --json)."""
    now = now or utcnow()
    since = now - dt.timedelta(days=RETENTION_DAYS)
    recent = [e for e in data.get("log", []) if dt.datetime.fromisoformat(e["at"]) >= since]
    right = sum(1 for e in recent if e["correct"])
    cards = data.get("cards", {})

    today = now.astimezone().date()
    counts = [0] * FORECAST_DAYS
    for rec in cards.values():
        offset = max(0, (due_of(rec).astimezone().date() - today).days)
        if offset < FORECAST_DAYS:
            counts[offset] += 1
    forecast = [{"date": (today + dt.timedelta(days=i)).isoformat(), "due": n} for i, n in enumerate(counts)]

    topics: dict[str, dict] = {}
    for e in recent:
        t = topics.setdefault(e["topic"], {"topic": e["topic"], "reviews": 0, "right": 0, "lapses": 0})
        t["reviews"] += 1
        t["right"] += bool(e["correct"])
    for rec in cards.values():
        if rec.get("topic") in topics:
            topics[rec["topic"]]["lapses"] += rec.get("lapses", 0)
    for t in topics.values():
        t["share"] = t["right"] / t["reviews"]
    weakest = sorted(topics.values(), key=lambda t: (t["share"], -t["lapses"], t["topic"]))[:WEAKEST]
    return {
        "format_version": 1,
        "retention": {"days": RETENTION_DAYS, "reviews": len(recent), "right": right,
                      "share": right / len(recent) if recent else None},
        "cards": len(cards),
        "due_now": sum(1 for rec in cards.values() if due_of(rec) <= now),
        "forecast": forecast,
        "weakest": weakest,
    }
