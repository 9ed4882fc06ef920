# alternative: each stride directly as the product of the (clamped) sizes after its dim
import math


def contiguous_strides(shape):
    sizes = [max(int(s), 1) for s in shape]
    return tuple(math.prod(sizes[d + 1:]) for d in range(len(sizes)))
