# alternative: flat argmax indices from F.max_pool2d(return_indices=True), then scatter_add_
import torch
import torch.nn.functional as F


def maxpool2d_backward(grad_output, x, kernel_size, stride=None):
    n, c, h, w = x.shape
    _, idx = F.max_pool2d(x, kernel_size, stride, return_indices=True)   # (N, C, H_out, W_out), into H*W
    grad_x = torch.zeros(n, c, h * w, dtype=x.dtype, device=x.device)
    grad_x.scatter_add_(2, idx.reshape(n, c, -1), grad_output.reshape(n, c, -1))
    return grad_x.reshape(n, c, h, w)
