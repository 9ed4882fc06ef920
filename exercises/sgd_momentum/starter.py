"""SGD with momentum, dampening, weight decay and Nesterov, like torch.optim.SGD.

Run `dlquiz run sgd_momentum` to test, `dlquiz hint sgd_momentum` for a hint.
"""

import torch
from torch.optim import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening,
                        weight_decay=weight_decay, nesterov=nesterov)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        # TODO: update every parameter that has a gradient, group by group;
        # keep the momentum buffer in self.state[p]["momentum_buffer"].
        raise NotImplementedError("SGD.step is not written yet")
