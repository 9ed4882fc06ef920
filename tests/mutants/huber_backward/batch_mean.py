# mutant: the mean divides by the batch size instead of the number of elements
# expect: divided by the batch size
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    g = torch.clamp(input - target, -delta, delta)
    return g / input.shape[0] if reduction == "mean" else g
