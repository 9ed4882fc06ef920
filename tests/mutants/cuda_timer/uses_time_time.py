# mutant: measures with time.time() instead of time.perf_counter()
# expect: time.time() is the wall clock
import functools
import time

import torch


def timer(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        cuda = torch.cuda.is_available()
        if cuda:
            torch.cuda.synchronize()
        start = time.time()
        result = fn(*args, **kwargs)
        if cuda:
            torch.cuda.synchronize()
        wrapper.last_seconds = time.time() - start
        return result
    return wrapper
