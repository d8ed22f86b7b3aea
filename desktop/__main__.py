"""`python -m desktop` is the same entry point as the `yishi` console script."""

from desktop.cli import main

raise SystemExit(main())
