"""The shipped catalog as a whole: coverage of the syllabus and completeness of each exercise.

Whether each exercise's tests really catch its mistakes is proven by `dlquiz dev check`
(starters fail, references pass, mutants fail, alternatives pass), which CI runs; this file
checks what can be read without running anything.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import REPO
from dlquiz import catalog
from dlquiz.topics import TOPICS

SPECS = catalog.all_specs()
IDS = [s.id for s in SPECS]


def manual_backward(spec) -> bool:
    """An exercise that computes a gradient by hand: autograd is forbidden."""
    return {"Tensor.backward", "torch.autograd.grad"} <= set(spec.forbid)


def test_the_catalog_covers_the_syllabus():
    assert len(SPECS) >= 60
    per_topic = Counter(s.topic for s in SPECS)
    assert set(per_topic) == set(TOPICS)
    thin = {t: n for t, n in per_topic.items() if n < 3}
    assert thin == {}, f"topics with fewer than 3 exercises: {thin}"


def test_the_mix_of_kinds():
    kinds = Counter(s.kind for s in SPECS)
    assert kinds["fix"] >= 10
    assert kinds["module"] >= 8
    assert sum(manual_backward(s) for s in SPECS) >= 12


def test_ids_are_unique_and_requirements_exist_without_cycles():
    assert len(IDS) == len(set(IDS))
    known = set(IDS)
    graph = {s.id: list(s.requires) for s in SPECS}
    for ex, reqs in graph.items():
        assert set(reqs) <= known, f"{ex} requires unknown {set(reqs) - known}"
    done: set[str] = set()
    for _ in SPECS:  # topological peeling: each round frees the exercises whose requirements are done
        free = {ex for ex, reqs in graph.items() if ex not in done and set(reqs) <= done}
        if not free:
            break
        done |= free
    assert done == known, f"a cycle among {sorted(known - done)}"


@pytest.mark.parametrize("ex", IDS)
def test_every_exercise_is_complete(ex):
    spec = catalog.get(ex)
    assert len(spec.hints) >= 3
    assert spec.zh.get("title") and spec.zh.get("prompt") and len(spec.zh.get("hints") or []) >= 3, \
        f"{ex}: the Chinese title, prompt and hints are all needed"
    assert spec.random_cases >= 20
    assert spec.cases and all(c.why for c in spec.cases), f"{ex}: every fixed case says why it is there"
    assert (spec.directory / "starter.py").is_file()
    assert catalog.solution_path(ex).is_file()
    mutants = list((REPO / "tests" / "mutants" / ex).glob("*.py"))
    alternatives = list((REPO / "tests" / "alternatives" / ex).glob("*.py"))
    assert len(mutants) >= 3, f"{ex} has {len(mutants)} mutants"
    assert len(alternatives) >= 1, f"{ex} has no alternative solution"


def test_list_json_shows_the_whole_catalog(cli, workspace):
    res = cli("list", "--json")
    assert res.code == 0, res.text
    rows = json.loads(res.out)["exercises"]
    assert [r["id"] for r in rows] == IDS
    assert len({r["topic"] for r in rows}) == len(TOPICS)


def test_list_groups_by_topic_with_counts(cli, workspace):
    res = cli("list", "--topic", "normalization")
    assert res.code == 0, res.text
    n = sum(s.topic == "normalization" for s in SPECS)
    assert f"Normalization  0/{n} done" in res.out
    assert all(s.id in res.out for s in SPECS if s.topic == "normalization")
