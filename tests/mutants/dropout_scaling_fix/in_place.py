# mutant: right values, but scales the caller's x in place
# expect: in place
import torch


def dropout(x, p, training, mask):
    if training:
        return x.mul_(mask).div_(1 - p)
    return x
