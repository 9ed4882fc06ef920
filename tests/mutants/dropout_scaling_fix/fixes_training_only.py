# mutant: adds the 1/(1 - p) in training but keeps the (1 - p) at inference
# expect: eval mode still multiplies by (1 − p)
import torch


def dropout(x, p, training, mask):
    if training:
        return x * mask / (1 - p)
    return x * (1 - p)
