# alternative: a multiplicative factor of base_lr (as LambdaLR would use), min_lr as a ratio
import math


def lr_at(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step < warmup_steps:
        factor = (step + 1) / warmup_steps
    else:
        floor = min_lr / base_lr
        progress = min(1.0, (step - warmup_steps) / max(1, total_steps - warmup_steps))
        factor = floor + (1 - floor) * (1 + math.cos(math.pi * progress)) / 2
    return base_lr * factor
