"""Learning rate with linear warmup and cosine decay.

Run `dlquiz run cosine_warmup` to test, `dlquiz hint cosine_warmup` for a hint.
"""

import math


def lr_at(step: int, base_lr: float, warmup_steps: int, total_steps: int, min_lr: float = 0.0) -> float:
    # TODO: the learning rate used at optimizer step `step` (0-based).
    raise NotImplementedError("lr_at is not written yet")
