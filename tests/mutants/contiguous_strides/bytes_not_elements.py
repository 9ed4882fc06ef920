# mutant: returns strides in bytes (assumes 4-byte float32 elements)
# expect: in bytes
def contiguous_strides(shape):
    strides, acc = [], 4
    for size in reversed(shape):
        strides.append(acc)
        acc *= max(size, 1)
    return tuple(reversed(strides))
