# alternative: fold the shapes pairwise, padding each pair on the left with 1s
from functools import reduce


def _pair(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"cannot broadcast {a} with {b}")
    return tuple(out)


def broadcast_shape(*shapes):
    return reduce(_pair, shapes, ())
