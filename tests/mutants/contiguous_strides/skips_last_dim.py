# mutant: off by one: loops over shape[1:] only, so the result is one stride short
# expect: items, got
import math


def contiguous_strides(shape):
    return tuple(math.prod(max(s, 1) for s in shape[d + 1:]) for d in range(len(shape) - 1))
