# mutant: calls PyTorch's own helper torch.nn.grad.conv2d_weight
# expect: forbids
import torch


def conv2d_weight_grad(grad_output, x, weight_shape, stride=1, padding=0, dilation=1):
    gw = torch.nn.grad.conv2d_weight(x, weight_shape, grad_output, stride=stride, padding=padding,
                                     dilation=dilation)
    return gw, grad_output.sum(dim=(0, 2, 3))
