# alternative: new tensors for m̂ and v̂ every step, step count kept as a 0-dim tensor
import torch
from torch.optim import Optimizer


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    def step(self, closure=None):
        with torch.no_grad():
            for group in self.param_groups:
                b1, b2 = group["betas"]
                for p in group["params"]:
                    if p.grad is None:
                        continue
                    g = p.grad + group["weight_decay"] * p
                    st = self.state[p]
                    if len(st) == 0:
                        st["step"] = torch.tensor(0.0)
                        st["exp_avg"] = torch.zeros_like(p)
                        st["exp_avg_sq"] = torch.zeros_like(p)
                    st["step"] += 1
                    t = st["step"].item()
                    st["exp_avg"] = torch.lerp(st["exp_avg"], g, 1 - b1)
                    st["exp_avg_sq"] = b2 * st["exp_avg_sq"] + (1 - b2) * g.square()
                    m_hat = st["exp_avg"] / (1 - b1 ** t)
                    v_hat = st["exp_avg_sq"] / (1 - b2 ** t)
                    p.copy_(p - group["lr"] * m_hat / (v_hat.sqrt() + group["eps"]))
