"""AdamW (Adam with decoupled weight decay), like torch.optim.AdamW (no amsgrad).

Run `dlquiz run adamw` to test, `dlquiz hint adamw` for a hint.
"""

import torch
from torch.optim import Optimizer


class AdamW(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        # TODO: decoupled weight decay, then the Adam update with bias correction;
        # state keys "step", "exp_avg", "exp_avg_sq".
        raise NotImplementedError("AdamW.step is not written yet")
