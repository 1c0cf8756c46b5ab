/* test-date.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "story-date.h"
#include "story-util.h"

static void
test_formats (void)
{
  struct {
    const char *text;
    gint64      expected;
  } cases[] = {
    { "2026-11-20T07:30:00Z", 1795159800 },
    { "2026-11-20T08:30:00+01:00", 1795159800 },
    { "2026-11-20T07:30:00.123456Z", 1795159800 },
    { "2026-11-20T07:30:00", 1795159800 },          /* zone-less: UTC */
    { "2026-11-20 07:30:00", 1795159800 },
    { "Fri, 20 Nov 2026 07:30:00 GMT", 1795159800 }, /* RFC 1123 */
    { "Fri, 20 Nov 2026 08:30:00 +0100", 1795159800 },
    { "20 Nov 2026 07:30:00 UT", 1795159800 },
    { "1795159800", 1795159800 },                   /* unix seconds */
    { "1795159800000", 1795159800 },                /* milliseconds */
    { "1795159800000000", 1795159800 },             /* microseconds */
    { "  2026-11-20T07:30:00Z \n", 1795159800 },
    { "2026-11-20", 1795132800 },
    { "", STORY_TIME_UNKNOWN },
    { "yesterday", STORY_TIME_UNKNOWN },
    { "2026-13-45T99:99:99Z", STORY_TIME_UNKNOWN },
    { "Fri, 20 Foo 2026 07:30:00 GMT", STORY_TIME_UNKNOWN },
    { "99999999999999999999999", STORY_TIME_UNKNOWN },
    /* Found by fuzzing: short text with a space was read past its end. */
    { "L \x01", STORY_TIME_UNKNOWN },
    { "a b", STORY_TIME_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (story_date_parse (cases[i].text), ==, cases[i].expected);
    }

  g_assert_cmpint (story_date_parse (NULL), ==, STORY_TIME_UNKNOWN);
}

static void
test_rfc3339_output (void)
{
  g_autofree char *text = story_date_format_rfc3339 (1795159800);

  g_assert_cmpstr (text, ==, "2026-11-20T07:30:00Z");
  g_assert_null (story_date_format_rfc3339 (STORY_TIME_UNKNOWN));
}

/* Found by fuzzing: a feed dated in the year 202 came out as "202-11-20…",
 * which no RFC 3339 reader (this one included) accepts. */
static void
test_rfc3339_short_year (void)
{
  gint64 time = story_date_parse ("20 Nov 202 07:30");
  g_autofree char *text = story_date_format_rfc3339 (time);

  g_assert_cmpstr (text, ==, "0202-11-20T07:30:00Z");
  g_assert_cmpint (story_date_parse (text), ==, time);
}

static void
test_relative (void)
{
  gint64 now = 1795159800;
  g_autofree char *just_now = story_date_format_relative (now - 10, now);
  g_autofree char *minutes = story_date_format_relative (now - 5 * 60, now);
  g_autofree char *hours = story_date_format_relative (now - 3 * 3600, now);
  g_autofree char *unknown = story_date_format_relative (STORY_TIME_UNKNOWN, now);

  g_assert_cmpstr (just_now, ==, "Just now");
  g_assert_cmpstr (minutes, ==, "5 min ago");
  g_assert_cmpstr (hours, ==, "3 hours ago");
  g_assert_cmpstr (unknown, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/formats", test_formats);
  g_test_add_func ("/date/format/rfc3339", test_rfc3339_output);
  g_test_add_func ("/date/format/rfc3339-short-year", test_rfc3339_short_year);
  g_test_add_func ("/date/format/relative", test_relative);

  return g_test_run ();
}
