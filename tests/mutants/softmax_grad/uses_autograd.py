# mutant: recovers logits and lets autograd do the work
# expect: forbids
import torch


def softmax_backward(grad_output, output, dim=-1):
    x = output.detach().log().requires_grad_()
    y = torch.softmax(x, dim)
    (dx,) = torch.autograd.grad(y, x, grad_output)
    return dx
