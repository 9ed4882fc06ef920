"""Reference: conv2d weight gradient via im2col (F.unfold) and one contraction."""

import torch
import torch.nn.functional as F


def conv2d_weight_grad(grad_output: torch.Tensor, x: torch.Tensor, weight_shape, stride=1,
                       padding=0, dilation=1):
    # grad_output: (N, C_out, H_out, W_out)   x: (N, C_in, H, W)
    c_out, c_in, kh, kw = weight_shape
    n = x.shape[0]
    # im2col: column l holds the C_in·kH·kW input values that output position l saw,
    # with the same stride/padding/dilation as the forward pass. Rows are ordered
    # (c, i, j), the memory order of one weight filter.
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)  # (N, C_in·kH·kW, L)
    g = grad_output.reshape(n, c_out, -1)                                            # (N, C_out, L)
    # The forward is y[n, :, l] = W2 @ cols[n, :, l] with W2 = weight.reshape(C_out, -1),
    # so dW2 = Σ_n Σ_l g[n, :, l] cols[n, :, l]ᵀ: a sum over batch AND positions (the
    # weight is shared by all of them), exactly like a linear layer over all rows.
    grad_weight = torch.einsum("nol,nkl->ok", g, cols).reshape(c_out, c_in, kh, kw)
    # The bias is added at every sample and position.
    grad_bias = grad_output.sum(dim=(0, 2, 3))                                       # (C_out,)
    return grad_weight, grad_bias
