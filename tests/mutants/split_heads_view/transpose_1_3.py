# mutant: transposes dims 1 and 3 instead of 1 and 2
# expect: shape
def split_heads(x, num_heads):
    B, T, C = x.shape
    return x.view(B, T, num_heads, C // num_heads).transpose(1, 3)
