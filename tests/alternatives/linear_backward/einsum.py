# alternative: einsum over the leading dims, written with the ellipsis, no flattening
import torch


def linear_backward(grad_output, x, weight, bias):
    grad_x = torch.einsum("...o,oi->...i", grad_output, weight)
    grad_weight = torch.einsum("...o,...i->oi", grad_output, x)
    grad_bias = None
    if bias is not None:
        lead = tuple(range(grad_output.dim() - 1))
        grad_bias = grad_output.sum(dim=lead) if lead else grad_output.clone()
    return grad_x, grad_weight, grad_bias
