# mutant: forgets functools.wraps
# expect: functools.wraps
import time

import torch


def timer(fn):
    def wrapper(*args, **kwargs):
        cuda = torch.cuda.is_available()
        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        if cuda:
            torch.cuda.synchronize()
        wrapper.last_seconds = time.perf_counter() - start
        return result
    return wrapper
