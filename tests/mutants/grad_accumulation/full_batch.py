# mutant: ignores micro_batch and runs the whole batch at once (right numbers, defeats the purpose)
# expect: samples at once, but micro_batch is
def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    model.zero_grad()
    loss_fn(model(inputs), targets).backward()
