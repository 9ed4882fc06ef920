"""dlquiz: practise deep-learning interview coding against hidden numerical tests."""

__version__ = "0.1.0"

# Version of the on-disk formats this build reads and writes (exercise specs, reports,
# workspace state). A newer file than this is refused with a message to upgrade.
FORMAT_VERSION = 1
