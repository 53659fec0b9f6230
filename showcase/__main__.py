"""`python -m showcase`: the same commands as the `showcase` console script."""
from showcase.cli import main

raise SystemExit(main())
