"""`python -m triage ...`"""

import signal
import sys

from triage.cli import main

# Piping into `head` should end quietly, not with a BrokenPipeError traceback.
if hasattr(signal, "SIGPIPE"):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
sys.exit(main())
