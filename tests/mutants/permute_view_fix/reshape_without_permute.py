# mutant: swaps view for reshape, still without moving the channel axis
# expect: without moving C last
def to_tokens(x):
    B, C, H, W = x.shape
    return x.reshape(B, H * W, C)
