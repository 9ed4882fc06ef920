# mutant: lets autograd differentiate a hand-written loss
# expect: forbids
import torch


def cross_entropy_backward(logits, target):
    x = logits.detach().clone().requires_grad_(True)
    loss = (torch.logsumexp(x, 1) - x.gather(1, target[:, None]).squeeze(1)).mean()
    (g,) = torch.autograd.grad(loss, x)
    return g
