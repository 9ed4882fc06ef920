# mutant: uses log_softmax instead of softmax in the gradient
# expect: used log_softmax where softmax belongs
import torch


def cross_entropy_backward(logits, target):
    logp = torch.log_softmax(logits, dim=1)
    onehot = torch.nn.functional.one_hot(target, logits.shape[1]).to(logp.dtype)
    return (logp - onehot) / logits.shape[0]
