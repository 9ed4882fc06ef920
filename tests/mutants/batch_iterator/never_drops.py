# mutant: ignores drop_last and always yields the incomplete last batch
# expect: drop_last=True must drop the last batch
def batches(data, batch_size, drop_last=False):
    batch = []
    for item in data:
        batch.append(item)
        if len(batch) == batch_size:
            yield batch
            batch = []
    if batch:
        yield batch
