# mutant: averages the weight gradient over the batch instead of summing
# expect: averaged over the batch
import torch
import torch.nn.functional as F


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_weight_grad(grad_output, x, weight_shape, stride=1, padding=0, dilation=1):
    c_out, c_in, kh, kw = weight_shape
    (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
    xp = F.pad(x, (pw, pw, ph, ph))
    n, _, ho, wo = grad_output.shape
    grad_weight = torch.zeros(weight_shape, dtype=x.dtype, device=x.device)
    for i in range(kh):
        for j in range(kw):
            r0, c0 = i * dh, j * dw
            patch = xp[:, :, r0: r0 + sh * (ho - 1) + 1: sh, c0: c0 + sw * (wo - 1) + 1: sw]
            grad_weight[:, :, i, j] = torch.einsum("nohw,nchw->oc", grad_output, patch) / n
    grad_bias = grad_output.sum(dim=(0, 2, 3))
    return grad_weight, grad_bias
