# alternative: move `dim` last, flatten to rows, and take each row's g·y with a batched matmul
import torch


def softmax_backward(grad_output, output, dim=-1):
    y = output.movedim(dim, -1)                 # (..., n)
    g = grad_output.movedim(dim, -1)            # (..., n)
    lead = y.shape[:-1]
    y2 = y.reshape(-1, 1, y.shape[-1])          # (R, 1, n)
    g2 = g.reshape(-1, g.shape[-1], 1)          # (R, n, 1)
    gy = torch.bmm(y2, g2).reshape(*lead, 1)    # (..., 1): one dot product per row
    return (y * g - y * gy).movedim(-1, dim)
