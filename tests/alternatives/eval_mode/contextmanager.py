# alternative: a context manager that records named module modes, used by the decorator
import contextlib
import functools

import torch


@contextlib.contextmanager
def _evaluating(model):
    saved = {name: m.training for name, m in model.named_modules()}
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        for name, m in model.named_modules():
            m.training = saved[name]


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        with _evaluating(model):
            return fn(model, *args, **kwargs)
    return wrapper
