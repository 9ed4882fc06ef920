# alternative: (1 + cos x) / 2 = cos²(x / 2), and the warmup as an interpolation
import math


def lr_at(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    if step <= warmup_steps - 1:
        frac = (step + 1) / warmup_steps
        return frac * base_lr
    half_angle = 0.5 * math.pi * (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * math.cos(half_angle) ** 2
