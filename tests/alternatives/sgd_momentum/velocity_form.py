# alternative: no in-place buffer ops; the buffer is replaced by a new tensor each step
import torch
from torch.optim import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))

    def step(self, closure=None):
        with torch.no_grad():
            for group in self.param_groups:
                lr, m, damp = group["lr"], group["momentum"], group["dampening"]
                for p in group["params"]:
                    if p.grad is None:
                        continue
                    g = p.grad + group["weight_decay"] * p
                    if m == 0:
                        p.copy_(p - lr * g)
                        continue
                    old = self.state[p].get("momentum_buffer")
                    buf = g.clone() if old is None else m * old + (1 - damp) * g
                    self.state[p]["momentum_buffer"] = buf
                    step = g + m * buf if group["nesterov"] else buf
                    p.copy_(p - lr * step)
