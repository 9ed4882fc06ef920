"""Reference: broadcasting as a right-aligned, dim-by-dim agreement check."""


def broadcast_shape(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    ndim = max((len(s) for s in shapes), default=0)   # () for no shapes at all
    out = []
    for d in range(ndim):                             # d counts from the left of the result
        result = 1
        for s in shapes:
            i = len(s) - ndim + d                     # right-aligned index into s
            if i < 0:
                continue                              # s has no such dim: it acts as a 1
            size = s[i]
            if size == 1:
                continue                              # a size-1 dim stretches to anything, even 0
            if result != 1 and size != result:
                raise ValueError(f"shapes {list(map(tuple, shapes))} cannot broadcast: "
                                 f"sizes {result} and {size} in dim {d - ndim}")
            result = size                             # 0 is an ordinary size here
        out.append(result)
    return tuple(out)
