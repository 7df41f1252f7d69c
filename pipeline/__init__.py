"""Extract, clean and tag web health articles into reviewable, deterministic JSON."""

__version__ = "0.1.0"
