# mutant: keeps the notes' definition (6 for negative x), written with clamp
# expect: negative inputs give 6
import torch


def relu6(x):
    return torch.where(x < 0, torch.full_like(x, 6.0), torch.clamp(x, max=6.0))
