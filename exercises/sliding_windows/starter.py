"""Sliding windows as a view: the same tensor as x.unfold(-1, size, step), built with
torch.as_strided. Run `dlquiz run sliding_windows` to test, `dlquiz hint sliding_windows`
for a hint.
"""

import torch


def sliding_windows(x: torch.Tensor, size: int, step: int) -> torch.Tensor:
    # TODO: (..., T) -> (..., n, size), n = (T - size) // step + 1, sharing x's storage.
    raise NotImplementedError("sliding_windows is not written yet")
