"""The learner's practice folder: starter files plus the `.dlquiz/` state folder."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from dlquiz import FORMAT_VERSION, __version__
from dlquiz.errors import DlquizError
from dlquiz.spec import Spec
from dlquiz.store import STATE_DIR, atomic_write_json, now_iso

DEFAULT_DIR = "dlquiz-practice"
MARKER = "workspace.json"

README = """# dlquiz practice workspace

Each file under exercises/ is one exercise. Edit it, then test it:

    dlquiz show softmax_grad      # what to write
    dlquiz run softmax_grad       # run the hidden tests
    dlquiz hint softmax_grad      # the next hint
    dlquiz watch                  # re-run on every save

Your progress lives in .dlquiz/ (plain JSON).
"""


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def exercises_dir(self) -> Path:
        return self.root / "exercises"

    def file_for(self, spec: Spec) -> Path:
        return self.exercises_dir / f"{spec.id}.py"

    def ensure_file(self, spec: Spec) -> tuple[Path, bool]:
        """The learner's file, created from the starter if it is missing (new exercises)."""
        path = self.file_for(spec)
        if path.exists():
            return path, False
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spec.starter_path, path)
        return path, True

    def reset(self, spec: Spec) -> Path:
        path = self.file_for(spec)
        tmp = path.with_name(f".{path.name}.reset")
        shutil.copyfile(spec.starter_path, tmp)
        os.replace(tmp, path)
        return path


def is_workspace(path: Path) -> bool:
    return (path / STATE_DIR / MARKER).is_file()


def find(start: Path | None = None) -> Workspace | None:
    """DLQUIZ_HOME if set, else the nearest folder up from `start` holding .dlquiz/workspace.json."""
    home = os.environ.get("DLQUIZ_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        if not is_workspace(root):
            raise DlquizError(f"DLQUIZ_HOME={home} is not a dlquiz workspace.",
                              hint=f"Create one with `dlquiz init {home}`, or unset DLQUIZ_HOME.")
        return Workspace(root)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workspace(folder):
            return Workspace(folder)
    return None


def require(start: Path | None = None) -> Workspace:
    ws = find(start)
    if ws is None:
        raise DlquizError("no dlquiz workspace here or in any parent folder.",
                          hint="Create one with `dlquiz init`, then cd into it "
                               "(or set DLQUIZ_HOME to its path).")
    return ws


def create(target: Path, specs: list[Spec]) -> Workspace:
    target = target.expanduser().resolve()
    if is_workspace(target):
        raise DlquizError(f"{target} is already a dlquiz workspace; nothing was changed.",
                          hint=f"cd {target} and run `dlquiz list`.")
    if target.exists() and any(target.iterdir()):
        raise DlquizError(f"{target} exists and is not empty; refusing to write into it.",
                          hint="Pick a new folder: `dlquiz init PATH`.")
    (target / "exercises").mkdir(parents=True, exist_ok=True)
    ws = Workspace(target)
    for spec in specs:
        ws.ensure_file(spec)
    (target / "README.md").write_text(README, encoding="utf-8")
    atomic_write_json(target / STATE_DIR / MARKER,
                      {"format_version": FORMAT_VERSION, "created": now_iso(), "dlquiz_version": __version__})
    return ws
