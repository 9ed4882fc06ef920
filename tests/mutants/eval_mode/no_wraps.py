# mutant: forgets functools.wraps, so the wrapper is called "wrapper" and has no docstring
# expect: functools.wraps
import torch


def eval_mode(fn):
    def wrapper(model, *args, **kwargs):
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        try:
            with torch.no_grad():
                return fn(model, *args, **kwargs)
        finally:
            for m, flag in modes:
                m.training = flag
    return wrapper
