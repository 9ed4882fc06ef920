# mutant: multiplies by the raw size, so a size-0 dim zeroes every stride in front of it
# expect: max(size, 1)
def contiguous_strides(shape):
    strides, acc = [], 1
    for size in reversed(shape):
        strides.append(acc)
        acc *= size
    return tuple(reversed(strides))
