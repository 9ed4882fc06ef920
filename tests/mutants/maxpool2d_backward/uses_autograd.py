# mutant: runs the forward again and lets autograd compute the gradient
# expect: forbids
import torch
import torch.nn.functional as F


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    x = x.detach().requires_grad_()
    F.max_pool2d(x, kernel_size, stride).backward(grad_output)
    return x.grad
