# mutant: synchronizes before starting the clock, but not before stopping it
# expect: synchronize only before starting the clock
import functools
import time

import torch


def timer(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        wrapper.last_seconds = time.perf_counter() - start
        return result
    return wrapper
