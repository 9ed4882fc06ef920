# mutant: computes column-major strides (first dim has stride 1)
# expect: Fortran order
def contiguous_strides(shape):
    strides, acc = [], 1
    for size in shape:
        strides.append(acc)
        acc *= max(size, 1)
    return tuple(strides)
