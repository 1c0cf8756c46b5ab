#!/usr/bin/env python3
# build-aux/check-potfiles.py
# Copyright 2026 The Storyline authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check that po/POTFILES.in lists exactly the files that need it.

Usage: check-potfiles.py SOURCE_ROOT

Fails if a file under src/ or data/ with translatable strings is missing from
po/POTFILES.in, or if po/POTFILES.in lists a file that does not exist.
A string that is marked for translation but never extracted ships untranslated,
and xgettext aborts on a listed file that is gone, so both are errors.
"""

import os
import re
import sys

SCANNED_DIRS = ('src', 'data')

# Files that always carry translatable text, whatever their content.
ALWAYS_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')

# Gettext calls in C. The look-behind keeps identifiers like story_( from matching _(.
C_MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\s*\('
    r'|\b(?:g_dngettext|g_dpgettext2?|g_dcgettext|g_dgettext|ngettext|dngettext)\s*\('
)
C_SUFFIXES = ('.c', '.h')

UI_MARKER = re.compile(r'\btranslatable\s*=\s*["\'](?:yes|true|1)["\']', re.IGNORECASE)
UI_SUFFIXES = ('.ui',)


def read_potfiles(path):
    listed = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                # Optional "[type: gettext/glade]" prefix, as intltool used to write.
                line = re.sub(r'^\[[^\]]*\]\s*', '', line)
                listed.append(os.path.normpath(line))
    return listed


def needs_translation(root, relpath):
    if relpath.endswith(ALWAYS_SUFFIXES):
        return True
    if relpath.endswith(C_SUFFIXES):
        pattern = C_MARKERS
    elif relpath.endswith(UI_SUFFIXES):
        pattern = UI_MARKER
    else:
        return False
    try:
        with open(os.path.join(root, relpath), encoding='utf-8', errors='replace') as f:
            return pattern.search(f.read()) is not None
    except OSError as e:
        print(f'check-potfiles: cannot read {relpath}: {e}', file=sys.stderr)
        return False


def translatable_files(root):
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                relpath = os.path.relpath(os.path.join(dirpath, name), root)
                if needs_translation(root, relpath):
                    found.append(os.path.normpath(relpath))
    return found


def main(argv):
    if len(argv) != 2:
        print(f'usage: {argv[0]} SOURCE_ROOT', file=sys.stderr)
        return 2

    root = argv[1]
    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')
    try:
        listed = read_potfiles(potfiles_in)
    except OSError as e:
        print(f'check-potfiles: cannot read po/POTFILES.in: {e}', file=sys.stderr)
        return 1

    listed_set = set(listed)
    missing = [p for p in translatable_files(root) if p not in listed_set]
    stale = [p for p in listed if not os.path.isfile(os.path.join(root, p))]

    ok = True
    if missing:
        ok = False
        print('Files with translatable strings missing from po/POTFILES.in:')
        for p in missing:
            print(f'  {p}')
    if stale:
        ok = False
        print('Files listed in po/POTFILES.in that do not exist:')
        for p in stale:
            print(f'  {p}')

    if ok:
        print(f'po/POTFILES.in lists all {len(listed)} files with translatable strings')
        return 0
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
