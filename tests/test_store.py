"""store: atomic writes, recovery from a corrupt file, progress records, streaks."""

from __future__ import annotations

import json
import threading

import pytest

from dlquiz.errors import DlquizError
from dlquiz.store import Progress, atomic_write_json, streak, today


def test_atomic_write_replaces_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "state" / "data.json"
    atomic_write_json(path, {"a": 1})
    atomic_write_json(path, {"a": 2, "ü": "ß"})
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 2, "ü": "ß"}
    assert [p.name for p in path.parent.iterdir()] == ["data.json"]


def test_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "state" / "data.json"
    atomic_write_json(path, {"a": 1})
    with pytest.raises(TypeError):
        atomic_write_json(path, {"a": object()})  # not serializable, fails mid-write
    assert json.loads(path.read_text()) == {"a": 1}
    assert [p.name for p in path.parent.iterdir()] == ["data.json"]


def test_missing_file_gives_the_default(tmp_path):
    data = Progress(tmp_path).load()
    assert data == {"format_version": 1, "exercises": {}, "active_days": [], "current": None}


@pytest.mark.parametrize("garbage", ['{"exercises": ', "[1, 2]", "\xff\xfe not utf-8"])
def test_corrupt_file_is_set_aside_with_a_warning(tmp_path, garbage):
    store = Progress(tmp_path)
    store.dir.mkdir()
    raw = garbage.encode("latin-1")
    store.path.write_bytes(raw)
    data = store.load()
    assert data["exercises"] == {}
    (aside,) = store.dir.glob("progress.json.corrupt-*")
    assert aside.read_bytes() == raw
    assert not store.path.exists()
    (warning,) = store.warnings
    assert "could not be read" in warning and aside.name in warning
    # The next write starts a fresh file.
    store.record_run("softmax_grad", passed=False, time_s=None)
    assert json.loads(store.path.read_text())["exercises"]["softmax_grad"]["attempts"] == 1


def test_newer_format_is_refused(tmp_path):
    store = Progress(tmp_path)
    atomic_write_json(store.path, {"format_version": 2, "exercises": {}})
    with pytest.raises(DlquizError, match="newer dlquiz"):
        store.load()


def test_old_files_get_the_new_keys(tmp_path):
    store = Progress(tmp_path)
    atomic_write_json(store.path, {"format_version": 1, "exercises": {"x": {"status": "done"}}})
    data = store.load()
    assert data["active_days"] == [] and data["current"] is None and data["exercises"]["x"] == {"status": "done"}


def test_record_run_status_and_best_time(tmp_path):
    store = Progress(tmp_path)
    rec = store.record_run("ex", passed=False, time_s=None)
    assert rec["status"] == "attempted" and rec["attempts"] == 1 and rec["passes"] == 0
    rec = store.record_run("ex", passed=True, time_s=0.004)
    assert rec["status"] == "done" and rec["passes"] == 1 and rec["best_time_s"] == 0.004
    first = rec["first_passed_at"]
    rec = store.record_run("ex", passed=True, time_s=0.009)
    assert rec["best_time_s"] == 0.004 and rec["first_passed_at"] == first
    rec = store.record_run("ex", passed=True, time_s=0.002)
    assert rec["best_time_s"] == 0.002
    rec = store.record_run("ex", passed=False, time_s=None)
    assert rec["status"] == "done" and rec["attempts"] == 5  # a later failure does not undo a pass
    data = store.load()
    assert data["current"] == "ex" and data["active_days"] == [today()]


def test_hints_stop_at_the_last(tmp_path):
    store = Progress(tmp_path)
    assert [store.next_hint("ex", 3) for _ in range(5)] == [0, 1, 2, 2, 2]
    assert store.load()["exercises"]["ex"]["hints_shown"] == 3


def test_solution_forced_is_sticky(tmp_path):
    store = Progress(tmp_path)
    store.mark_solution("ex", forced=True)
    store.mark_solution("ex", forced=False)
    rec = store.load()["exercises"]["ex"]
    assert rec["solution_viewed"] is True and rec["solution_forced"] is True


def test_concurrent_updates_are_not_lost(tmp_path):
    def work():
        store = Progress(tmp_path)
        for _ in range(10):
            store.record_run("ex", passed=False, time_s=None)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Progress(tmp_path).load()["exercises"]["ex"]["attempts"] == 40


def test_streak():
    assert streak([], "2024-03-10") == 0
    assert streak(["2024-03-10"], "2024-03-10") == 1
    assert streak(["2024-03-08", "2024-03-09", "2024-03-10"], "2024-03-10") == 3
    # Today not active yet: the streak that ended yesterday still counts.
    assert streak(["2024-03-08", "2024-03-09"], "2024-03-10") == 2
    assert streak(["2024-03-07", "2024-03-09", "2024-03-10"], "2024-03-10") == 2
    assert streak(["2024-03-07"], "2024-03-10") == 0
    assert streak(["2024-02-28", "2024-02-29", "2024-03-01"], "2024-03-01") == 3  # across a leap day
