# mutant: synchronizes without checking that CUDA is available
# expect: called although CUDA is not available
import functools
import time

import torch


def timer(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        torch.cuda.synchronize()
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        torch.cuda.synchronize()
        wrapper.last_seconds = time.perf_counter() - start
        return result
    return wrapper
