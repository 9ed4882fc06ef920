# mutant: zeroes p.grad by hand before backward, but p.grad is None before the first backward
# expect: NoneType
import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        for p in model.parameters():
            p.grad.zero_()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
