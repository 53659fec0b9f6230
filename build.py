"""Build the showcase: `python build.py --help`."""
from showcase.cli import main

raise SystemExit(main())
