# mutant: returns the elapsed time instead of fn's result
# expect: returns the elapsed time instead of fn's result
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
        fn(*args, **kwargs)
        if cuda:
            torch.cuda.synchronize()
        wrapper.last_seconds = time.perf_counter() - start
        return wrapper.last_seconds
    return wrapper
