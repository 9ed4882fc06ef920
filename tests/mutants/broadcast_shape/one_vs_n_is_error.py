# mutant: only pads missing dims; a size-1 dim against a larger size is treated as a conflict
# expect: a size-1 dim stretches to the other size
def broadcast_shape(*shapes):
    n = max((len(s) for s in shapes), default=0)
    padded = [(1,) * (n - len(s)) + tuple(s) for s in shapes]
    out = []
    for d in range(n):
        sizes = {s[d] for s in padded}
        if len(sizes) > 1:
            raise ValueError(f"cannot broadcast {shapes}")
        out.append(sizes.pop())
    return tuple(out)
