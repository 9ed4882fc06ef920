# mutant: right values, but clamps the caller's x in place
# expect: in place
import torch


def relu6(x):
    return x.clamp_(0.0, 6.0)
