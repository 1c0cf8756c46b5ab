#!/usr/bin/env python3
# build-aux/check-translations.py
# Copyright 2026 The Storyline authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Check that every translation in po/LINGUAS is complete for today's sources.

Usage: check-translations.py SOURCE_ROOT

Extracts the strings of po/POTFILES.in as the storyline-pot target does, merges
each listed .po file with them in a temporary folder (the source tree is left
alone) and fails when a language has an untranslated or fuzzy message, or a
translation whose format directives do not match its original (msgfmt -c).
"""

import os
import subprocess
import sys
import tempfile

# The keywords and flags of meson's 'glib' gettext preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]


def linguas(root):
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                yield from line.split()


def main(argv):
    root = argv[1]
    failures = []

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'storyline.pot')
        subprocess.run(['xgettext', '--package-name=storyline', '--directory=' + root,
                        '--files-from=' + os.path.join(root, 'po', 'POTFILES.in'),
                        '--output=' + pot] + XGETTEXT_ARGS,
                       check=True, stderr=subprocess.DEVNULL)

        for lang in linguas(root):
            po = os.path.join(root, 'po', lang + '.po')
            merged = os.path.join(tmp, lang + '.po')
            if not os.path.exists(po):
                failures.append(f'{lang}: po/{lang}.po is listed in LINGUAS but missing')
                continue
            subprocess.run(['msgmerge', '--quiet', '--output-file=' + merged, po, pot], check=True)
            result = subprocess.run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null',
                                     merged], capture_output=True, text=True)
            stats = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''
            print(f'{lang}: {stats}')
            if result.returncode != 0:
                failures.append(f'{lang}: msgfmt --check failed:\n{result.stderr}')
            elif 'untranslated' in stats or 'fuzzy' in stats:
                failures.append(f'{lang}: incomplete: {stats}')

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
