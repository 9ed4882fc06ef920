# mutant: plain ReLU, forgets the cap at 6
# expect: that is plain ReLU
import torch


def relu6(x):
    return torch.clamp(x, min=0.0)
