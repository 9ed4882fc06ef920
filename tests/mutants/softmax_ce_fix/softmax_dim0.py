# mutant: normalizes over the batch dim (dim 0) before the NLL
# expect: runs over dim 0
import torch
import torch.nn.functional as F


def loss_from_model(model_output_logits, target):
    return F.nll_loss(F.log_softmax(model_output_logits, dim=0), target)
