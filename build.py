"""Build the showcase: `python build.py --help`."""
from showcase.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
