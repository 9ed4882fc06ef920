# mutant: calls the built-in unfold
# expect: calls Tensor.unfold
def sliding_windows(x, size, step):
    return x.unfold(-1, size, step)
