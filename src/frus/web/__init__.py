"""The web reader: server-rendered pages over ``Corpus`` (``frus serve``)."""
