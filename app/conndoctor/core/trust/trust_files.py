"""Where the roots a chain is judged with are kept: a record the command line builds before
anything heavy is loaded (`worker.start` reads the files in the judgement's own process)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class TrustFiles(NamedTuple):
    """Where the roots are: the public list's file (None: certifi's), the files this computer
    trusts beside its OS store, and the organisation's roots."""

    public_ca_file: str | None
    computer_files: Sequence[str]
    organisation_files: Sequence[str]
