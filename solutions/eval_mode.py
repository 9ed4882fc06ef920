"""Reference: save each module's own flag, switch to eval, restore in `finally`."""

import functools

import torch


def eval_mode(fn):
    @functools.wraps(fn)  # keeps fn's __name__, __doc__ (and sets __wrapped__)
    def wrapper(model, *args, **kwargs):
        # model.train()/eval() are recursive and remember nothing, so a model in train with
        # a frozen submodule in eval can only be put back from a per-module record.
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        try:
            # no_grad restores whatever grad mode the caller had, also on an exception.
            with torch.no_grad():
                return fn(model, *args, **kwargs)
        finally:
            # Runs on return and on an exception alike; the exception then continues.
            for m, flag in modes:
                m.training = flag
    return wrapper
