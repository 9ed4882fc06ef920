# mutant: divides every micro-batch loss by the number of micro-batches (wrong when the last is smaller)
# expect: divided by the number of micro-batches
import math


def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    n = inputs.shape[0]
    k = math.ceil(n / micro_batch)
    model.zero_grad()
    for s in range(0, n, micro_batch):
        loss = loss_fn(model(inputs[s:s + micro_batch]), targets[s:s + micro_batch])
        (loss / k).backward()
