# mutant: forgets to divide by numel for reduction='mean'
# expect: 1/numel of reduction='mean' is missing
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    return torch.clamp(input - target, -delta, delta)
