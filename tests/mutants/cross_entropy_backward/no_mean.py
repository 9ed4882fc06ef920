# mutant: forgets the 1/N of the mean reduction
# expect: 1/N of the mean reduction is missing
import torch


def cross_entropy_backward(logits, target):
    p = torch.softmax(logits, dim=1)
    return p - torch.nn.functional.one_hot(target, logits.shape[1]).to(p.dtype)
