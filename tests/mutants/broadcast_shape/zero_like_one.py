# mutant: checks conflicts pairwise, but keeps max() of the two sizes, so 0 with 1 gives 1
# expect: taking the max of the sizes gets size 0 wrong
def broadcast_shape(*shapes):
    out = ()
    for s in shapes:
        n = max(len(out), len(s))
        a = (1,) * (n - len(out)) + tuple(out)
        b = (1,) * (n - len(s)) + tuple(s)
        merged = []
        for x, y in zip(a, b):
            if x != y and x != 1 and y != 1:
                raise ValueError(f"cannot broadcast {a} with {b}")
            merged.append(max(x, y))
        out = tuple(merged)
    return out
