# mutant: recomputes log_softmax from output and lets autograd do the work
# expect: forbids
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    x = output.detach().clone().requires_grad_()
    with torch.enable_grad():
        y = torch.log_softmax(x, dim)
        (dx,) = torch.autograd.grad(y, x, grad_output)
    return dx
