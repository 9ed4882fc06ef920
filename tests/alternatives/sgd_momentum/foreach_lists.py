# alternative: per-group lists and torch._foreach_* ops, state created lazily
import torch
from torch.optim import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            ps = [p for p in group["params"] if p.grad is not None]
            if not ps:
                continue
            grads = [p.grad.clone() for p in ps]
            if group["weight_decay"]:
                torch._foreach_add_(grads, ps, alpha=group["weight_decay"])
            m = group["momentum"]
            if m:
                dirs = []
                for p, g in zip(ps, grads):
                    st = self.state[p]
                    if "momentum_buffer" not in st:
                        st["momentum_buffer"] = g.clone()
                    else:
                        st["momentum_buffer"].mul_(m).add_(g, alpha=1 - group["dampening"])
                    buf = st["momentum_buffer"]
                    dirs.append(g + m * buf if group["nesterov"] else buf)
            else:
                dirs = grads
            torch._foreach_add_(ps, dirs, alpha=-group["lr"])
        return loss
