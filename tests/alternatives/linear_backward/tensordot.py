# alternative: tensordot contracting every leading dim at once, matmul via mm on the flattened rows
import torch


def linear_backward(grad_output, x, weight, bias):
    n_lead = x.dim() - 1
    dims = list(range(n_lead))
    grad_weight = torch.tensordot(grad_output, x, dims=(dims, dims))      # (out, in)
    grad_x = torch.mm(grad_output.reshape(-1, weight.shape[0]), weight).reshape(x.shape)
    grad_bias = None if bias is None else grad_output.reshape(-1, weight.shape[0]).sum(dim=0)
    return grad_x, grad_weight, grad_bias
