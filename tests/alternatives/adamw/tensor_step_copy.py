# alternative: a 0-dim tensor step count and out-of-place math copied back into p
import torch
from torch.optim import Optimizer


class AdamW(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    def step(self, closure=None):
        with torch.no_grad():
            for group in self.param_groups:
                b1, b2 = group["betas"]
                lr = group["lr"]
                for p in group["params"]:
                    if p.grad is None:
                        continue
                    st = self.state[p]
                    if "step" not in st:
                        st["step"] = torch.zeros((), dtype=torch.float32)
                        st["exp_avg"] = torch.zeros_like(p)
                        st["exp_avg_sq"] = torch.zeros_like(p)
                    st["step"] = st["step"] + 1
                    t = int(st["step"])
                    g = p.grad
                    decayed = p * (1 - lr * group["weight_decay"])
                    st["exp_avg"] = b1 * st["exp_avg"] + (1 - b1) * g
                    st["exp_avg_sq"] = b2 * st["exp_avg_sq"] + (1 - b2) * g * g
                    denom = (st["exp_avg_sq"] / (1 - b2 ** t)).sqrt() + group["eps"]
                    p.copy_(decayed - lr * (st["exp_avg"] / (1 - b1 ** t)) / denom)
