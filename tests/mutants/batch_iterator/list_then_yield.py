# mutant: a generator, but it copies the whole input into a list before the first batch
# expect: consume the input as you go
def batches(data, batch_size, drop_last=False):
    items = list(data)
    for i in range(0, len(items), batch_size):
        batch = items[i:i + batch_size]
        if drop_last and len(batch) < batch_size:
            return
        yield batch
