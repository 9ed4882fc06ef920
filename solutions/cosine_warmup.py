"""Reference: linear warmup to base_lr, then half a cosine down to min_lr."""

import math


def lr_at(step: int, base_lr: float, warmup_steps: int, total_steps: int, min_lr: float = 0.0) -> float:
    if step < warmup_steps:
        # Steps 0 .. W-1 ramp base_lr/W, 2·base_lr/W, ..., base_lr (never exactly 0:
        # a zero first step would waste a batch, and LinearLR's start_factor must be > 0).
        return base_lr * (step + 1) / warmup_steps
    # Cosine phase: progress runs from 0 at step W to 1 at step T, over T − W steps.
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    # Half a period: (1 + cos(π·progress)) / 2 goes 1 → 0, rescaled to base_lr → min_lr.
    return min_lr + (base_lr - min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))
