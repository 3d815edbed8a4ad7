"""Connection Doctor (接続ドクター): finds why a browser cannot make a secure connection.

`importlib` is loaded here, while the program still runs one thread. The package puts its own
`_bootstrap` into `sys.modules` only partway through loading; under Python 3.11 a second thread
that imports `importlib.machinery` meanwhile (`inspect` does) loads a fresh, never set up copy
of it, and every later `importlib.import_module` fails with "name 'sys' is not defined"
(CPython gh-130094). Installed from a wheel, nothing else loads `importlib` before the command
line's first thread, and about one `check` in twenty failed that way.
"""

import importlib  # noqa: F401  (why: the docstring)

__version__ = "0.1.0"
