"""Putting a finished build in place of the old one, and only where a build belongs.

The site is built into a sibling folder (``.site-<pid>-…``) and swapped in when it is
complete. The swap exchanges the two folders in one step (Linux ``renameat2`` with
``RENAME_EXCHANGE``), so at every instant the target is either the whole old site or
the whole new one; a kill before the exchange leaves the old site, after it the new one.
Where the exchange is not available (another system, a file system without it), the
old site is renamed aside and the new one renamed in, and a kill between the two leaves
the old site under its aside name: the next build puts it back (``remove_abandoned``).

A build replaces only what a build made: the target must be missing, empty, or hold
the marker file (:data:`MARKER`) a build writes. ``--till program`` or ``--till .git``
is refused before anything is written.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
from pathlib import Path

#: Written into every build; its presence says the folder may be replaced by the next build.
MARKER = ".trygghet-bygge"
MARKER_TEXT = "Den här mappen är en byggd webbplats (trygghet build). Nästa bygge ersätter den helt.\n"
#: What a build of this site held before the marker existed: the site's own open data.
_EARLIER_BUILD = "data/trygghetsprogrammet.json"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def target_problem(final: Path) -> str | None:
    """Why a build may not write ``final`` (Swedish), or None when it may."""
    if final.is_symlink():
        return f"{final} är en symbolisk länk; bygget skriver bara till en vanlig mapp."
    if not final.exists():
        return None
    if not final.is_dir():
        return f"{final} är en fil, inte en mapp; bygget skriver inte över den."
    if (final / MARKER).is_file() or ((final / "index.html").is_file() and (final / _EARLIER_BUILD).is_file()):
        return None
    if not any(final.iterdir()):
        return None
    return (f"{final} är inte tom och innehåller ingen tidigare byggd webbplats (filen {MARKER} saknas); "
            "bygget ersätter den inte, så inget i den går förlorat. Välj en tom eller ny mapp (--till KATALOG).")


def mark(staged: Path) -> None:
    """Write the marker into a finished build."""
    (staged / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths in one step; False where the system cannot (then nothing happened)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def aside_name(final: Path, pid: int) -> Path:
    return final.with_name(f".{final.name}-old-{pid}")


def swap_in(staged: Path, final: Path) -> None:
    """Put the complete build ``staged`` at ``final``; the old site, if any, is removed afterwards."""
    if not final.exists():
        staged.rename(final)
        return
    if _exchange(staged, final):
        shutil.rmtree(staged, ignore_errors=True)  # now the old site
        return
    old = aside_name(final, os.getpid())
    final.rename(old)
    try:
        staged.rename(final)
    except OSError:
        old.rename(final)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_abandoned(parent: Path, site_name: str) -> list[str]:
    """Clear up after builds that were killed (their process is gone): their staging folders are
    removed, and an old site a build had renamed aside is put back if no site took its place.

    A running build's folders are left alone, so concurrent builds stay safe; a folder
    without an owner's process id in its name is left too.
    """
    owned = re.compile(rf"^\.site-(\d+)-|^\.{re.escape(site_name)}-old-(\d+)$")
    removed = []
    for folder in sorted(parent.iterdir()):
        match = owned.match(folder.name)
        if not match or not folder.is_dir() or folder.is_symlink():
            continue
        pid = int(match.group(1) or match.group(2))
        if pid == os.getpid() or _alive(pid):
            continue
        final = parent / site_name
        if match.group(2) and not final.exists():
            folder.rename(final)  # killed between its two renames: the old site comes back
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed
