# mutant: switches to eval but leaves autograd on while fn runs
# expect: still ran with autograd on
import functools


def eval_mode(fn):
    @functools.wraps(fn)
    def wrapper(model, *args, **kwargs):
        modes = [(m, m.training) for m in model.modules()]
        model.eval()
        try:
            return fn(model, *args, **kwargs)
        finally:
            for m, flag in modes:
                m.training = flag
    return wrapper
