# mutant: restores the flags after the call, but not when fn raises (no try/finally)
# expect: not restored when the function raises
import functools

import torch


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        with torch.no_grad():
            out = fn(model, *args, **kwargs)
        for m, flag in modes:
            m.training = flag
        return out
    return wrapper
