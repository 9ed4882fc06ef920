# mutant: clears the gradients once before the loop instead of once per step
# expect: accumulate across steps
import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    optimizer.zero_grad()
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
