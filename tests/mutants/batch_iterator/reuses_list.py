# mutant: yields one list object and clears it for the next batch
# expect: same list object
def batches(data, batch_size, drop_last=False):
    batch = []
    for item in data:
        batch.append(item)
        if len(batch) == batch_size:
            yield batch
            batch.clear()
    if batch and not drop_last:
        yield batch
