# mutant: yields when len(batch) > batch_size, so every batch has one item too many
# expect: batch_size + 1 items
def batches(data, batch_size, drop_last=False):
    batch = []
    for item in data:
        batch.append(item)
        if len(batch) > batch_size:
            yield batch
            batch = []
    if batch and not (drop_last and len(batch) < batch_size + 1):
        yield batch
