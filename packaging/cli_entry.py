"""Entry script of the packaged console program `selfeval` (PyInstaller, see build.spec)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First of all: in a frozen build a batch pool worker starts this very program, and must
    # turn into a worker here instead of parsing the command line.
    multiprocessing.freeze_support()

    from app.cli import main

    sys.exit(main())
