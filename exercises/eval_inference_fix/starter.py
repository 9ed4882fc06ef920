"""Inference with a model that has Dropout and BatchNorm.

The predictions of this function are noisy and it changes the model. Run
`dlquiz run eval_inference_fix` and fix `predict`.
"""

import torch
from torch import nn


def predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Return model's inference output for x, leaving the model as it was."""
    return model(x)
