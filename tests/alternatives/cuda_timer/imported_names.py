# alternative: names imported at module level, a try/finally that records the time even
# when fn raises, and the attribute set through a local reference
from functools import wraps
from time import perf_counter

from torch.cuda import is_available, synchronize


def timer(fn):
    @wraps(fn)
    def timed(*args, **kwargs):
        on_gpu = is_available()
        if on_gpu:
            synchronize()
        t0 = perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            if on_gpu:
                synchronize()
            timed.last_seconds = perf_counter() - t0
    return timed
