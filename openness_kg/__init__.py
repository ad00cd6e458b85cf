"""openness-kg: how open is this AI model, really, and why?"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("openness-kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
