# mutant: multiplies before appending, so each stride includes the dim's own size
# expect: includes its own dim's size
def contiguous_strides(shape):
    strides, acc = [], 1
    for size in reversed(shape):
        acc *= max(size, 1)
        strides.append(acc)
    return tuple(reversed(strides))
