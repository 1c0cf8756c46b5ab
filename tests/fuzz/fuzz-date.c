/* fuzz-date.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Date parsing, and the formatting of whatever it returns. */

#include "config.h"

#include "fuzz.h"

#include "story-date.h"
#include "story-util.h"

/* 2026-11-20T07:30:00Z */
#define NOW G_GINT64_CONSTANT (1795159800)

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *rfc3339 = NULL;
  g_autofree char *relative = NULL;
  gint64 time;

  fuzz_init ();

  text = g_strndup ((const char *) data, size);
  time = story_date_parse (text);

  rfc3339 = story_date_format_rfc3339 (time);
  relative = story_date_format_relative (time, NOW);
  g_assert_nonnull (relative);

  /* What was written as RFC 3339 reads back as the same time. */
  if (rfc3339 != NULL)
    g_assert_cmpint (story_date_parse (rfc3339), ==, time);

  return 0;
}
