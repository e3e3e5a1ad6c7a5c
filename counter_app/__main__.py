"""`python -m counter_app`: the core's command line without the sandbox.

The full entry point is `counter-app` (`ui.entry`), which plugs in the sandbox for demo and
training modes and the `sandbox` subcommand; the core may not import it (architecture.md).
"""

import sys

from counter_app.cli import main

sys.exit(main())
