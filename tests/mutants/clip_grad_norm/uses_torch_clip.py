# mutant: calls the PyTorch function it is meant to reimplement
# expect: forbids
from torch.nn.utils import clip_grad_norm_


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    return clip_grad_norm_(parameters, max_norm, norm_type)
