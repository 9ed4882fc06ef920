# mutant: calls fn but forgets to return its value
# expect: does not return the function's value
import functools

import torch


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        try:
            with torch.no_grad():
                fn(model, *args, **kwargs)
        finally:
            for m, flag in modes:
                m.training = flag
    return wrapper
