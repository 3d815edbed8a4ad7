"""Give programs the frozen app starts (browsers, xdg-open) the user's own library path.

PyInstaller's Linux bootloader points LD_LIBRARY_PATH at the bundle (keeping the user's value
in LD_LIBRARY_PATH_ORIG). This process no longer needs it (the loader read it at start), but a
browser started from the wizard would otherwise load the bundle's copies of system libraries.
"""

import os
import sys

if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original
