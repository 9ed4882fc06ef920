"""Find the exercises: shipped as package data, or the repository's own folders.

`DLQUIZ_CATALOG` points at another folder holding `exercises/` and `solutions/` (used by
authors and by the project's tests with fixture exercises).
"""

from __future__ import annotations

import difflib
import os
from functools import lru_cache
from pathlib import Path

from dlquiz.errors import DlquizError
from dlquiz.spec import Spec, load_spec
from dlquiz.topics import TOPIC_ORDER, check_topic


def data_root() -> Path:
    override = os.environ.get("DLQUIZ_CATALOG")
    if override:
        root = Path(override).expanduser().resolve()
        if not (root / "exercises").is_dir():
            raise DlquizError(f"DLQUIZ_CATALOG={override} has no exercises/ folder.",
                              hint="Point it at a folder holding exercises/ and solutions/, or unset it.")
        return root
    package = Path(__file__).resolve().parent
    shipped = package / "_data"
    if (shipped / "exercises").is_dir():
        return shipped
    return package.parent  # a source checkout or an editable install


def solution_path(ex_id: str) -> Path:
    return data_root() / "solutions" / f"{ex_id}.py"


@lru_cache(maxsize=4)
def _load_all(root: Path) -> tuple[Spec, ...]:
    specs = []
    for folder in sorted((root / "exercises").iterdir()):
        if folder.is_dir() and (folder / "exercise.yaml").is_file():
            specs.append(load_spec(folder))
    specs.sort(key=lambda s: (TOPIC_ORDER.get(s.topic, 99), s.difficulty, s.id))
    return tuple(specs)


def all_specs(topic: str | None = None) -> list[Spec]:
    check_topic(topic)
    specs = _load_all(data_root())
    return [s for s in specs if topic is None or s.topic == topic]


def get(ex_id: str) -> Spec:
    root = data_root()
    folder = root / "exercises" / ex_id
    if not (folder / "exercise.yaml").is_file() or "/" in ex_id or ex_id.startswith("."):
        names = [s.id for s in _load_all(root)]
        close = difflib.get_close_matches(ex_id, names, n=3)
        hint = f"Did you mean {', '.join(close)}? " if close else ""
        raise DlquizError(f"no exercise named {ex_id!r}.", hint=hint + "Run `dlquiz list` to see them all.")
    return load_spec(folder)
