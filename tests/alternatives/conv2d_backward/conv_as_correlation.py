# alternative: dW is itself a cross-correlation of x with grad_output (batch as the channel
# axis), where the forward's stride becomes the dilation and the dilation becomes the stride
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_weight_grad(grad_output, x, weight_shape, stride=1, padding=0, dilation=1):
    c_out, c_in, kh, kw = weight_shape
    (ph, pw) = _pair(padding)
    xp = F.pad(x, (pw, pw, ph, ph))
    # input (C_in, N, Hp, Wp), "weight" (C_out, N, H_out, W_out): sums over N and positions
    out = F.conv2d(xp.transpose(0, 1), grad_output.transpose(0, 1), stride=dilation, dilation=stride)
    # when the stride skipped the last rows/columns the result has extra taps; keep kH x kW
    grad_weight = out[:, :, :kh, :kw].transpose(0, 1)
    return grad_weight.contiguous(), grad_output.sum(dim=(0, 2, 3))
