# mutant: restores only model.training, not the flags of the submodules
# expect: only the top-level flag
import torch


def predict(model, x):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.training = was_training
    return out
