# mutant: treats a missing gradient as zero instead of skipping the parameter
# expect: updated as if its gradient were zero

import torch
from torch.optim import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        defaults = dict(lr=lr, momentum=momentum, dampening=dampening,
                        weight_decay=weight_decay, nesterov=nesterov)
        super().__init__(params, defaults)   # builds self.param_groups and self.state

    @torch.no_grad()                          # the update itself must not be recorded
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:       # hyperparameters are read per group, every
            lr = group["lr"]                  # step: a scheduler may have changed lr
            momentum, dampening = group["momentum"], group["dampening"]
            wd, nesterov = group["weight_decay"], group["nesterov"]
            for p in group["params"]:
                d_p = p.grad if p.grad is not None else torch.zeros_like(p)                 # same shape as p
                if wd != 0:
                    d_p = d_p.add(p, alpha=wd)             # L2 term, before momentum
                if momentum != 0:
                    state = self.state[p]
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        # First step: the buffer IS the gradient (no dampening applied).
                        buf = d_p.detach().clone()
                        state["momentum_buffer"] = buf
                    else:
                        buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
                    # Nesterov looks ahead: g + m·buf; classic momentum steps along buf.
                    d_p = d_p.add(buf, alpha=momentum) if nesterov else buf
                p.add_(d_p, alpha=-lr)        # lr multiplies the step, never the buffer
        return loss
