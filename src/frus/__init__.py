"""frus: an offline research engine for the Foreign Relations of the United States."""

__version__ = "0.1.0"

from frus.corpus import Corpus  # noqa: E402  (the front door)

__all__ = ["Corpus", "__version__"]
