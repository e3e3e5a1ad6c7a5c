"""Frozen entry point: the same as the `counter-app` console script."""

import sys

from ui.entry import main

if __name__ == "__main__":
    sys.exit(main())
