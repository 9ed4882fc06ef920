# mutant: materializes the n x n Jacobian I - 1 p^T of every row (right values, O(n^2) memory)
# expect: out of memory
import torch


def log_softmax_backward(grad_output, output, dim=-1):
    p = output.exp().movedim(dim, -1)                    # (..., n)
    g = grad_output.movedim(dim, -1)                     # (..., n)
    n = p.shape[-1]
    eye = torch.eye(n, dtype=p.dtype, device=p.device)
    jac = eye - p.unsqueeze(-2)                          # (..., n, n): J[i, j] = d_ij - p_j
    dx = (g.unsqueeze(-2) @ jac).squeeze(-2)
    return dx.movedim(-1, dim)
