# mutant: materializes the n x n Jacobian of every row (right values, O(n^2) memory)
# expect: out of memory
import torch


def softmax_backward(grad_output, output, dim=-1):
    y = output.movedim(dim, -1)
    g = grad_output.movedim(dim, -1)
    jac = torch.diag_embed(y) - y.unsqueeze(-1) * y.unsqueeze(-2)  # (..., n, n)
    dx = (g.unsqueeze(-2) @ jac).squeeze(-2)
    return dx.movedim(-1, dim)
