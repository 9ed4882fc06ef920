"""Progress and review state in the workspace's `.dlquiz/`: atomic, locked, recoverable.

Every write goes to a temporary file in the same folder, is flushed and fsynced, then
moved over the old file with os.replace, so a crash or Ctrl-C leaves either the old or the
new file, never half of one. Writers take an exclusive flock on `.dlquiz/lock`. A file that
cannot be parsed is moved aside (never silently reset) and the user is told where it went.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

from dlquiz import FORMAT_VERSION
from dlquiz.errors import DlquizError

STATE_DIR = ".dlquiz"


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> str:
    return dt.date.today().isoformat()


def atomic_write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, ensure_ascii=False, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class JsonStore:
    """One JSON document under `.dlquiz/`, with a default shape and recovery."""

    def __init__(self, root: Path, name: str, default: Callable[[], dict]):
        self.dir = root / STATE_DIR
        self.path = self.dir / name
        self.default = default
        self.warnings: list[str] = []

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / "lock", "a+") as f:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)

    def load(self) -> dict:
        if not self.path.exists():
            return self.default()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("the top level is not an object")
        except (ValueError, UnicodeDecodeError) as exc:
            return self._set_aside(str(exc))
        version = data.get("format_version", 0)
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise DlquizError(f"{self.path} was written by a newer dlquiz (format {version}).",
                              hint="Upgrade dlquiz: pip install --upgrade dlquiz")
        fresh = self.default()
        for key, value in fresh.items():
            data.setdefault(key, value)
        return data

    def _set_aside(self, why: str) -> dict:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        with contextlib.suppress(OSError):
            os.replace(self.path, aside)
        self.warnings.append(
            f"{self.path.name} could not be read ({why}); it was moved to {aside.name} and a fresh one "
            f"was started. Your old data is still in that file.")
        return self.default()

    def update(self, change: Callable[[dict], Any]) -> Any:
        """Load, apply `change` (which edits the dict in place), save atomically, under the lock."""
        with self._lock():
            data = self.load()
            result = change(data)
            atomic_write_json(self.path, data)
            return result


def _progress_default() -> dict:
    return {"format_version": FORMAT_VERSION, "exercises": {}, "active_days": [], "current": None}


def exercise_record(data: dict, ex_id: str) -> dict:
    rec = data["exercises"].setdefault(ex_id, {})
    for key, value in (("status", "new"), ("attempts", 0), ("passes", 0), ("best_time_s", None),
                       ("hints_shown", 0), ("solution_viewed", False), ("solution_forced", False),
                       ("first_passed_at", None), ("last_run_at", None)):
        rec.setdefault(key, value)
    return rec


class Progress(JsonStore):
    def __init__(self, root: Path):
        super().__init__(root, "progress.json", _progress_default)

    def record_run(self, ex_id: str, passed: bool, time_s: float | None) -> dict:
        def change(data: dict) -> dict:
            rec = exercise_record(data, ex_id)
            rec["attempts"] += 1
            rec["last_run_at"] = now_iso()
            if passed:
                rec["passes"] += 1
                if rec["status"] != "done":
                    rec["first_passed_at"] = now_iso()
                rec["status"] = "done"
                if time_s is not None and (rec["best_time_s"] is None or time_s < rec["best_time_s"]):
                    rec["best_time_s"] = time_s
            elif rec["status"] == "new":
                rec["status"] = "attempted"
            data["current"] = ex_id
            if today() not in data["active_days"]:
                data["active_days"].append(today())
            return dict(rec)

        return self.update(change)

    def next_hint(self, ex_id: str, available: int) -> int:
        """Index of the hint to show now (and remember it was shown)."""
        def change(data: dict) -> int:
            rec = exercise_record(data, ex_id)
            shown = min(rec["hints_shown"] + 1, available)
            rec["hints_shown"] = shown
            return shown - 1

        return self.update(change)

    def mark_solution(self, ex_id: str, forced: bool) -> None:
        def change(data: dict) -> None:
            rec = exercise_record(data, ex_id)
            rec["solution_viewed"] = True
            rec["solution_forced"] = rec["solution_forced"] or forced

        self.update(change)

    def set_current(self, ex_id: str) -> None:
        self.update(lambda data: data.__setitem__("current", ex_id))


def streak(active_days: list[str], today_iso: str | None = None) -> int:
    """Consecutive active days ending today (or yesterday, if today has no activity yet)."""
    days = {dt.date.fromisoformat(d) for d in active_days}
    day = dt.date.fromisoformat(today_iso or today())
    if day not in days:
        day -= dt.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= dt.timedelta(days=1)
    return count
