# alternative: move the channel axis with movedim, make the copy explicit, then view
def to_tokens(x):
    B, C, H, W = x.shape
    return x.movedim(1, -1).contiguous().view(B, H * W, C)
