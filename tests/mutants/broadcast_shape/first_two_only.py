# mutant: written for exactly two shapes, so no shapes, one shape or a third shape breaks it
# expect: IndexError
def _pair(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            raise ValueError(f"cannot broadcast {a} and {b}")
        out.append(y if x == 1 else x)
    return tuple(out)


def broadcast_shape(*shapes):
    return _pair(shapes[0], shapes[1])
