# mutant: scales every micro-batch by micro_batch / N, also the smaller last one
# expect: the last one is smaller
def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    n = inputs.shape[0]
    model.zero_grad()
    for s in range(0, n, micro_batch):
        loss = loss_fn(model(inputs[s:s + micro_batch]), targets[s:s + micro_batch])
        (loss * micro_batch / n).backward()
