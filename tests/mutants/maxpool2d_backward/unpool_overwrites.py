# mutant: max_pool2d indices + max_unpool2d, which writes (overwrites) instead of adding overlaps
# expect: overwrote each other's gradient
import torch
import torch.nn.functional as F


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    _, idx = F.max_pool2d(x, kernel_size, stride, return_indices=True)
    return F.max_unpool2d(grad_output, idx, kernel_size, stride, output_size=x.shape[-2:])
