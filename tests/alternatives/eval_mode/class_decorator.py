# alternative: a callable class; update_wrapper copies the name and docstring onto it,
# and the modes are restored parent-first with train(flag) calls
import functools

import torch


class eval_mode:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn

    def __call__(self, model, *args, **kwargs):
        modes = [(m, m.training) for m in model.modules()]   # parents come before children
        grad = torch.is_grad_enabled()
        model.train(False)
        torch.set_grad_enabled(False)
        try:
            return self.fn(model, *args, **kwargs)
        finally:
            torch.set_grad_enabled(grad)
            for m, flag in modes:
                m.train(flag)   # recursive, but each child is fixed again right after
