"""Serve the app: ``python -m vision.serve [streamlit run options]``.

The server's code lives in ``vision/server/``; this module is the command.
"""

import sys

from vision.server.main import main

if __name__ == "__main__":
    sys.exit(main())
