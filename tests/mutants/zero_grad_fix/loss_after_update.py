# mutant: zero_grad is right, but records the loss re-evaluated after the update
# expect: after the update
import torch
import torch.nn.functional as F


def train(model, batches, lr, steps, momentum=0.0):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for step in range(steps):
        x, y = batches[step % len(batches)]
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(F.mse_loss(model(x), y).item())
    return losses
