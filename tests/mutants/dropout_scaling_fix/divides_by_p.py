# mutant: divides the kept elements by p instead of by the keep probability 1 - p
# expect: divided by p
import torch


def dropout(x, p, training, mask):
    if training:
        return x * mask / p
    return x
