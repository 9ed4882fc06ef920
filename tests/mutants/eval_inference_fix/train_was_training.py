# mutant: the usual model.train(was_training) idiom, which un-freezes a frozen BatchNorm
# expect: un-freezes a submodule
import torch


def predict(model, x):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x)
    finally:
        model.train(was_training)
