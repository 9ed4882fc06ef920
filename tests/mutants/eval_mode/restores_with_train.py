# mutant: puts the model back with model.train(), losing submodules that were in eval
# expect: restored with model.train()
import functools

import torch


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        model.eval()
        try:
            with torch.no_grad():
                return fn(model, *args, **kwargs)
        finally:
            model.train()
    return wrapper
