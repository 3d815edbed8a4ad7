"""Byte sizes as people read them, one way everywhere (wizard, PDF, check summaries).

SI units (1 kB = 1000 bytes, 1 GB = 10^9 bytes), as the file managers of macOS (since 10.6)
and GNOME show them, and as disks are sold; the wizard and the PDF once disagreed (1024 and
1000), so a help desk saw two numbers for one cache. Windows Explorer divides by 1024 but
writes "GB": there our numbers are up to 7 % larger for the same bytes.
"""

from __future__ import annotations

_UNITS = ((10**12, "TB"), (10**9, "GB"), (10**6, "MB"), (10**3, "kB"))


def human_size(size: float) -> str:
    """'512 B', '5.2 kB', '76.6 GB': one decimal from a kilobyte up, like GNOME's g_format_size."""
    for factor, unit in _UNITS:
        if abs(size) >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size:.0f} B"
