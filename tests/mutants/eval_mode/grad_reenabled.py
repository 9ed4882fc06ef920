# mutant: turns grad off and then unconditionally back on, instead of restoring it
# expect: after.grad_enabled
import functools

import torch


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        torch.set_grad_enabled(False)
        try:
            return fn(model, *args, **kwargs)
        finally:
            torch.set_grad_enabled(True)
            for m, flag in modes:
                m.training = flag
    return wrapper
