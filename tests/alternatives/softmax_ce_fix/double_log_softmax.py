# alternative: log_softmax before cross_entropy is harmless: log_softmax is idempotent
# (log_softmax(log_softmax(x)) == log_softmax(x), its rows already logsumexp to 0)
import torch.nn.functional as F


def loss_from_model(model_output_logits, target):
    return F.cross_entropy(F.log_softmax(model_output_logits, dim=1), target)
