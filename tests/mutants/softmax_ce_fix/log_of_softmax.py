# mutant: takes torch.log of the softmax and feeds nll_loss (right maths, underflows)
# expect: underflows
import torch
import torch.nn.functional as F


def loss_from_model(model_output_logits, target):
    probs = torch.softmax(model_output_logits, dim=1)
    return F.nll_loss(torch.log(probs), target)
