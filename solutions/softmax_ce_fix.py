"""Reference: F.cross_entropy takes raw logits; it applies log_softmax itself."""

import torch
import torch.nn.functional as F


def loss_from_model(model_output_logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # logits: (N, C[, L]), target: (N[, L]). cross_entropy = nll_loss(log_softmax(x, 1)):
    # a softmax in front would make it log_softmax(softmax(x)), whose inputs lie in [0, 1],
    # so the loss is stuck near log C and its gradient is tiny.
    return F.cross_entropy(model_output_logits, target)
