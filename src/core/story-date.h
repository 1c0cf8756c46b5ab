/* story-date.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64  story_date_parse          (const char *text);
char   *story_date_format_rfc3339 (gint64      unix_time);
char   *story_date_format_relative (gint64      unix_time,
                                   gint64      now);

G_END_DECLS
