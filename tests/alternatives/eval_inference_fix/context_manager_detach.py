# alternative: a small context manager for the modes, and set_grad_enabled(False)
import contextlib

import torch


@contextlib.contextmanager
def evaluating(model):
    saved = [m.training for m in model.modules()]
    for m in model.modules():
        m.training = False
    try:
        yield model
    finally:
        for m, flag in zip(model.modules(), saved):
            m.training = flag


def predict(model, x):
    with evaluating(model), torch.set_grad_enabled(False):
        return model(x)
