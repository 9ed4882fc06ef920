"""Reference: wait for the GPU before each clock read; keep fn's result and metadata."""

import functools
import time

import torch


def timer(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        cuda = torch.cuda.is_available()
        if cuda:
            torch.cuda.synchronize()      # earlier queued GPU work is not fn's time
        start = time.perf_counter()       # a monotonic clock meant for short durations
        result = fn(*args, **kwargs)      # on the GPU this often only *queues* kernels
        if cuda:
            torch.cuda.synchronize()      # wait until fn's kernels have really finished
        wrapper.last_seconds = time.perf_counter() - start
        return result                     # the caller gets exactly what fn returned
    return wrapper
