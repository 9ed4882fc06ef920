"""Reference: the same computation with the harmful in-place op written out of place."""

import torch


def silu_linear(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # x: (..., D_in), w: (D_out, D_in), b: (D_out,)
    h = x @ w.t()               # (..., D_out); matmul saves x and w, not its output
    h += b                      # so this in-place add is harmless
    # sigmoid saves its OUTPUT s for backward (ds/dh = s·(1 − s)). Writing into s in place
    # bumps its version counter and backward refuses to use it. A new tensor keeps s intact.
    s = torch.sigmoid(h)        # (..., D_out)
    return h * s                # (..., D_out)
