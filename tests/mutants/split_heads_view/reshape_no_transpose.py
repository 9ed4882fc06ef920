# mutant: reshapes straight to (B, H, T, D): right shape, positions and heads mixed
# expect: reshaped straight to (B, H, T, D)
def split_heads(x, num_heads):
    B, T, C = x.shape
    return x.reshape(B, num_heads, T, C // num_heads)
