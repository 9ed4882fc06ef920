# mutant: replaces cross_entropy by nll_loss but keeps the probabilities (no log)
# expect: expects log-probabilities
import torch
import torch.nn.functional as F


def loss_from_model(model_output_logits, target):
    return F.nll_loss(torch.softmax(model_output_logits, dim=1), target)
