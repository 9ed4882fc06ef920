"""Adam, like torch.optim.Adam (L2 weight decay, no amsgrad).

Run `dlquiz run adam` to test, `dlquiz hint adam` for a hint.
"""

import torch
from torch.optim import Optimizer


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        # TODO: for every parameter with a gradient, update self.state[p]["step"],
        # ["exp_avg"] and ["exp_avg_sq"], then the parameter itself.
        raise NotImplementedError("Adam.step is not written yet")
