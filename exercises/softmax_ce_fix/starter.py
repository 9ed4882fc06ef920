"""Training loss for a classifier.

The model returns raw scores (logits) of shape (N, C) or (N, C, L). Training with this
loss barely moves the weights. Find out why and fix loss_from_model.
Run `dlquiz run softmax_ce_fix` to test, `dlquiz hint softmax_ce_fix` for a hint.
"""

import torch
import torch.nn.functional as F


def loss_from_model(model_output_logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    # Turn the scores into class probabilities, then take the cross-entropy.
    probs = torch.softmax(model_output_logits, dim=1)
    return F.cross_entropy(probs, target)
