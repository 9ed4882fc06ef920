"""The one domain error: anything wrong with dlquiz usage, configuration or a spec.

Problems with the learner's own code are not errors of this kind: they are normal
outcomes, reported as a failed verdict (exit 1). A DlquizError is rendered by the CLI as
one short message and exits with code 2.
"""

from __future__ import annotations


class DlquizError(Exception):
    """A usage, configuration or spec problem, with an optional next step for the user."""

    def __init__(self, message: str, hint: str | None = None, code: int = 2):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


# Said by the child that finds no GPU (worker.py) and by commands that check first (dev check).
NO_CUDA = "--device cuda was asked for, but no CUDA device is available here"
