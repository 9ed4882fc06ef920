# mutant: aligns the shapes on the left (pads the shorter ones with 1s at the end)
# expect: aligned on the left
def broadcast_shape(*shapes):
    n = max((len(s) for s in shapes), default=0)
    out = []
    for d in range(n):
        sizes = {s[d] for s in shapes if d < len(s)} - {1}
        if len(sizes) > 1:
            raise ValueError(f"cannot broadcast {shapes}")
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)
