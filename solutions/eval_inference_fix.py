"""Reference: eval mode and no autograd for the forward, then every module's mode restored."""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    # Remember each module's own flag: a model in train mode may hold frozen submodules
    # (a BatchNorm kept in eval while fine-tuning), so model.train(was) would not undo eval().
    modes = [(m, m.training) for m in model.modules()]
    model.eval()  # Dropout becomes the identity; BatchNorm uses (and keeps) its running stats
    try:
        with torch.no_grad():  # no graph: the output does not require grad, less memory
            return model(x)    # (N, D_out)
    finally:
        for m, training in modes:  # restored even if the forward raises
            m.training = training
