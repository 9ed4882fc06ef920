# mutant: permute(0, 3, 2, 1) puts W before H, so the pixels are numbered column by column
# expect: column by column
def to_tokens(x):
    B, C, H, W = x.shape
    return x.permute(0, 3, 2, 1).reshape(B, H * W, C)
