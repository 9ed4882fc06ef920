# mutant: moves the (1 - p) factor into training (multiplies instead of dividing)
# expect: multiplied by (1 − p) instead of divided
import torch


def dropout(x, p, training, mask):
    if training:
        return x * mask * (1 - p)
    return x
