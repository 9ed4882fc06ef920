# alternative: walk the reversed shapes with zip_longest (fill 1), then reverse back
from itertools import zip_longest


def broadcast_shape(*shapes):
    out = []
    for column in zip_longest(*(reversed(tuple(s)) for s in shapes), fillvalue=1):
        sizes = set(column) - {1}
        if len(sizes) > 1:
            raise ValueError(f"sizes {sorted(sizes)} conflict")
        out.append(next(iter(sizes)) if sizes else 1)
    return tuple(reversed(out))
