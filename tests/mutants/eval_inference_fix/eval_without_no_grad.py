# mutant: switches to eval and restores the modes, but builds a graph during the forward
# expect: autograd history
import torch


def predict(model, x):
    modes = [(m, m.training) for m in model.modules()]
    model.eval()
    out = model(x)
    for m, flag in modes:
        m.training = flag
    return out
