# mutant: never synchronizes, so on a GPU it times only the kernel launches
# expect: synchronize() is never called
import functools
import time


def timer(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        wrapper.last_seconds = time.perf_counter() - start
        return result
    return wrapper
