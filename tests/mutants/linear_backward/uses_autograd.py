# mutant: rebuilds the forward and asks autograd for the gradients
# expect: forbids
import torch
import torch.nn.functional as F


def linear_backward(grad_output, x, weight, bias):
    leaves = [x.detach().requires_grad_(), weight.detach().requires_grad_()]
    if bias is not None:
        leaves.append(bias.detach().requires_grad_())
    y = F.linear(*leaves)
    grads = torch.autograd.grad(y, leaves, grad_output)
    return grads[0], grads[1], grads[2] if bias is not None else None
