"""Reference: the same loop with the gradients cleared at the start of every step."""

import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]   # x: (N, D_in), y: (N, D_out)
        # .backward() ADDS into p.grad. Without clearing it, step k would use the sum of
        # the gradients of steps 1..k. Clear before backward (set_to_none is the default).
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)        # scalar
        loss.backward()                       # p.grad = dL/dp of this batch only
        optimizer.step()                      # p -= lr * (momentum-smoothed) p.grad
        losses.append(loss.item())            # the loss before this step's update
    return losses
