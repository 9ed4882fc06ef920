# mutant: "fixes" the small gradients by summing instead of averaging
# expect: scales the loss and every gradient by N
import torch
import torch.nn.functional as F


def loss_from_model(model_output_logits, target):
    return F.cross_entropy(model_output_logits, target, reduction="sum")
