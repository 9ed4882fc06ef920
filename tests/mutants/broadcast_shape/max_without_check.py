# mutant: never checks compatibility, just takes the largest size in every dim
# expect: expected 'ValueError'
def broadcast_shape(*shapes):
    n = max((len(s) for s in shapes), default=0)
    padded = [(1,) * (n - len(s)) + tuple(s) for s in shapes]
    return tuple(max(s[d] for s in padded) for d in range(n))
