# mutant: unpacks the shape as if x were (B, H, W, C), so the sizes get mixed up
# expect: shape
def to_tokens(x):
    B, H, W, C = x.shape
    return x.permute(0, 2, 3, 1).reshape(B, H * W, C)
