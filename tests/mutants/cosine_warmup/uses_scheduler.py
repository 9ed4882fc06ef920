# mutant: steps torch's own schedulers to read the lr off
# expect: forbids
import torch


def lr_at(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    s = SequentialLR(opt, [LinearLR(opt, 1 / warmup_steps, 1.0, warmup_steps - 1),
                           CosineAnnealingLR(opt, total_steps - warmup_steps, min_lr)], [warmup_steps])
    for _ in range(step):
        opt.step()
        s.step()
    return opt.param_groups[0]["lr"]
