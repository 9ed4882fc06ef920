# alternative: model.train(False) and torch.inference_mode(), flags saved in a dict
import torch


def predict(model, x):
    flags = {name: m.training for name, m in model.named_modules()}
    model.train(False)
    try:
        with torch.inference_mode():
            out = model(x)
    finally:
        for name, m in model.named_modules():
            m.training = flags[name]
    return out
