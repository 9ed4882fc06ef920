# alternative: the dot product per row with einsum, on a copy moved to the last dim
import torch


def softmax_backward(grad_output, output, dim=-1):
    y = output.movedim(dim, -1)
    g = grad_output.movedim(dim, -1)
    gy = torch.einsum("...n,...n->...", g, y).unsqueeze(-1)
    return (y * (g - gy)).movedim(-1, dim)
