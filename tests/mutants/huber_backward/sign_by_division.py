# mutant: writes the gradient as min(|d|, δ) · d/|d|, which is 0/0 = NaN at d = 0
# expect: NaN at d = 0
import torch


def huber_backward(input, target, delta=1.0, reduction="mean"):
    d = input - target
    g = torch.clamp(d.abs(), max=delta) * (d / d.abs())
    return g / d.numel() if reduction == "mean" else g
