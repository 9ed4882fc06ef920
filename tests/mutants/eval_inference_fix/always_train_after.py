# mutant: assumes the model was in training mode and calls model.train() at the end
# expect: whatever the mode was before
import torch


def predict(model, x):
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train()
    return out
