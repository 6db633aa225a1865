"""python -m ui.export: the briefing deck or slide images (see ui/export/cli.py)."""

import sys

from ui.export.cli import main

sys.exit(main())
