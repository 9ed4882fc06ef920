# mutant: uses the step count before incrementing it, so t = 0 at the first step
# expect: division by zero

import math

import torch
from torch.optim import Optimizer


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            lr, eps, wd = group["lr"], group["eps"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                if wd != 0:
                    g = g.add(p, alpha=wd)       # Adam's weight decay is plain L2 on the gradient
                state = self.state[p]
                if not state:                    # lazily, at the parameter's first step
                    state["step"] = 0
                    state["exp_avg"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                    state["exp_avg_sq"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                t = state["step"]
                state["step"] += 1
                m, v = state["exp_avg"], state["exp_avg_sq"]   # same shape as p
                m.mul_(beta1).add_(g, alpha=1 - beta1)         # first moment
                v.mul_(beta2).addcmul_(g, g, value=1 - beta2)  # second moment (uncentred)
                # Both moments start at 0, so they are biased towards 0 early on; divide by
                # (1 − β^t). eps is added AFTER correcting v: sqrt(v̂) + eps.
                bias1 = 1 - beta1 ** t
                bias2 = 1 - beta2 ** t
                denom = (v.sqrt() / math.sqrt(bias2)).add_(eps)
                p.addcdiv_(m, denom, value=-lr / bias1)
        return loss
