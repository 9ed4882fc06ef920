# alternative: a running product from the right with itertools.accumulate
from itertools import accumulate
from operator import mul


def contiguous_strides(shape):
    if len(shape) == 0:
        return ()
    tail = [max(s, 1) for s in reversed(shape[1:])]       # sizes after each dim, last first
    running = list(accumulate([1] + tail, mul))            # 1, s[-1], s[-1]*s[-2], ...
    return tuple(reversed(running))
