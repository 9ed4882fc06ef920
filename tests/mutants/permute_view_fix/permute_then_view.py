# mutant: permutes correctly but merges with view, which fails on the non-contiguous result
# expect: view size is not compatible
def to_tokens(x):
    B, C, H, W = x.shape
    return x.permute(0, 2, 3, 1).view(B, H * W, C)
