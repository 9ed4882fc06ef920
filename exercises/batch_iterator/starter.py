"""A lazy batching generator, like DataLoader(data, batch_size, drop_last) without shuffle.

Run `dlquiz run batch_iterator` to test, `dlquiz hint batch_iterator` for a hint.
"""

from typing import Iterable, Iterator


def batches(data: Iterable, batch_size: int, drop_last: bool = False) -> Iterator[list]:
    # TODO: yield lists of batch_size consecutive items; the last one may be shorter
    # (drop it when drop_last is True). Read `data` lazily: it may be a one-shot generator.
    raise NotImplementedError("batches is not written yet")
