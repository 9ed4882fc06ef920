# mutant: turns off autograd but never switches to eval mode
# expect: running stats unchanged
import torch


def predict(model, x):
    with torch.no_grad():
        return model(x)
