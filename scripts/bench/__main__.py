"""`python -m bench` (with scripts/ on the path): see bench/cli.py."""

import sys

from bench.cli import main

sys.exit(main())
