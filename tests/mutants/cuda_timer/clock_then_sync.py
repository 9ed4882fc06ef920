# mutant: reads the clock and only then synchronizes
# expect: the clock is read before synchronizing
import functools
import time

import torch


def timer(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        cuda = torch.cuda.is_available()
        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        stop = time.perf_counter()
        if cuda:
            torch.cuda.synchronize()
        wrapper.last_seconds = stop - start
        return result
    return wrapper
