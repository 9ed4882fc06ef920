# alternative: functional spellings (torch.sub, torch.mul, torch.sum over a tuple of dims)
# after normalizing a negative dim
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    d = dim % output.dim()
    total = torch.sum(grad_output, dim=(d,), keepdim=True)
    return torch.sub(grad_output, torch.mul(torch.exp(output), total))
