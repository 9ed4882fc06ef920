# alternative: a hand-written iterator class instead of a generator function
class _Batches:
    def __init__(self, data, batch_size, drop_last):
        self.it = iter(data)
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        return self

    def __next__(self):
        batch = []
        for item in self.it:
            batch.append(item)
            if len(batch) == self.batch_size:
                return batch
        if batch and not self.drop_last:
            return batch
        raise StopIteration


def batches(data, batch_size, drop_last=False):
    return _Batches(data, batch_size, drop_last)
