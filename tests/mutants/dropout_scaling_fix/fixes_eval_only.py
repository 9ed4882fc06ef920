# mutant: removes the inference scaling but still does not rescale in training
# expect: training mode is not rescaled
import torch


def dropout(x, p, training, mask):
    if training:
        return x * mask
    return x
