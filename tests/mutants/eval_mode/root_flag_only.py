# mutant: saves only model.training and restores with model.train(was_training)
# expect: only the top module's flag
import functools

import torch


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        was_training = model.training
        model.eval()
        try:
            with torch.no_grad():
                return fn(model, *args, **kwargs)
        finally:
            model.train(was_training)
    return wrapper
