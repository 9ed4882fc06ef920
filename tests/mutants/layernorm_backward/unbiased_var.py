# mutant: x.var(-1) is PyTorch's unbiased variance; layer norm uses the biased one
# expect: unbiased variance
import torch


def layernorm_backward(grad_output, x, weight, eps=1e-5):
    d = x.shape[-1]
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True)
    rstd = 1.0 / torch.sqrt(var + eps)
    x_hat = (x - mean) * rstd
    g_hat = grad_output * weight
    grad_x = rstd * (g_hat - g_hat.mean(-1, keepdim=True) - x_hat * (g_hat * x_hat).mean(-1, keepdim=True))
    return grad_x, (grad_output * x_hat).reshape(-1, d).sum(0), grad_output.reshape(-1, d).sum(0)
