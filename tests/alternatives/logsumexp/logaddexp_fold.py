# alternative: a pairwise tree of torch.logaddexp (stable for every pair, O(log n) rounding
# steps, so float32 stays accurate on wide rows; a left-to-right fold would not)
import torch


def logsumexp(x, dim, keepdim=False):
    y = x.movedim(dim, -1)                                     # (..., n)
    while y.shape[-1] > 1:
        n = y.shape[-1]
        half = n // 2
        pair = torch.logaddexp(y[..., :half], y[..., half:2 * half])
        y = torch.cat([pair, y[..., 2 * half:]], dim=-1) if n % 2 else pair
    out = y.squeeze(-1)
    return out.unsqueeze(dim) if keepdim else out
