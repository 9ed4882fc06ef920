# alternative: move dim last, take each row's sum of g with a matmul against a ones vector
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    g = grad_output.movedim(dim, -1)                                    # (..., n)
    p = output.movedim(dim, -1).exp()                                   # (..., n)
    ones = torch.ones(g.shape[-1], 1, dtype=g.dtype, device=g.device)   # (n, 1)
    s = g @ ones                                                        # (..., 1)
    return (g - p * s).movedim(-1, dim)
