"""The 14 syllabus topics, in teaching order. Keys are what specs and `--topic` use."""

TOPICS: dict[str, str] = {
    "python": "Python for training code",
    "probability": "Probability and information",
    "activations": "Activations, forward and backward",
    "tensors": "Tensor mechanics",
    "layers": "Layers",
    "normalization": "Normalization",
    "losses": "Losses",
    "backprop": "Backpropagation",
    "autograd": "Autograd and nn.Module",
    "optimization": "Optimization",
    "attention": "Attention and Transformers",
    "tokenization": "Tokenization",
    "training": "Training practice",
    "performance": "Performance",
}

TOPIC_ORDER = {key: i for i, key in enumerate(TOPICS)}
