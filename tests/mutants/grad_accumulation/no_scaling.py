# mutant: backpropagates each micro-batch mean loss unscaled
# expect: were not scaled
def accumulated_grads(model, loss_fn, inputs, targets, micro_batch):
    model.zero_grad()
    for s in range(0, inputs.shape[0], micro_batch):
        loss = loss_fn(model(inputs[s:s + micro_batch]), targets[s:s + micro_batch])
        loss.backward()
