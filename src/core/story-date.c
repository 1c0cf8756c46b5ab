/* story-date.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Dates arrive as RFC 3339, as RFC 1123, as local time with no zone, and as
 * unix seconds, milliseconds or microseconds in strings. Everything becomes
 * unix seconds in UTC, or STORY_TIME_UNKNOWN when it cannot be read. */

#define G_LOG_DOMAIN "story-date"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "story-date.h"
#include "story-util.h"

static gint64
parse_unix_digits (const char *text)
{
  guint64 value;
  gsize len = strlen (text);
  const char *end = NULL;

  if (len == 0 || len > 19)
    return STORY_TIME_UNKNOWN;

  value = g_ascii_strtoull (text, (char **)&end, 10);
  if (end == NULL || *end != '\0')
    return STORY_TIME_UNKNOWN;

  /* Google Reader style APIs send milliseconds or microseconds as strings. */
  if (len >= 16)
    value /= G_USEC_PER_SEC;
  else if (len >= 13)
    value /= 1000;

  return (gint64)value;
}

static const char * const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* RFC 1123 / RFC 822: "Sat, 07 Sep 2024 00:00:00 GMT" or "+0200". */
static gint64
parse_rfc1123 (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  char month_name[4] = { 0 };
  char zone[8] = { 0 };
  int day, year, hour, minute, second = 0;
  int month = 0;
  const char *p = text;
  const char *comma;

  comma = strchr (p, ',');
  if (comma != NULL)
    p = comma + 1;

  if (sscanf (p, " %d %3s %d %d:%d:%d %7s", &day, month_name, &year, &hour, &minute, &second,
              zone) < 5)
    return STORY_TIME_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      if (g_ascii_strcasecmp (month_name, months[i]) == 0)
        month = i + 1;
    }
  if (month == 0)
    return STORY_TIME_UNKNOWN;

  if (year < 100)
    year += year < 70 ? 2000 : 1900;

  if (zone[0] == '+' || zone[0] == '-')
    tz = g_time_zone_new_identifier (zone);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  dt = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (dt == NULL)
    return STORY_TIME_UNKNOWN;

  return g_date_time_to_unix (dt);
}

/**
 * story_date_parse:
 * @text: (nullable): a date as a source sent it
 *
 * Returns: unix seconds (UTC), or %STORY_TIME_UNKNOWN
 */
gint64
story_date_parse (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *copy = NULL;

  if (story_str_empty (text))
    return STORY_TIME_UNKNOWN;

  copy = g_strstrip (g_strdup (text));
  if (strlen (copy) > 64)
    return STORY_TIME_UNKNOWN;

  if (g_ascii_isdigit (copy[0]) && strspn (copy, "0123456789") == strlen (copy))
    return parse_unix_digits (copy);

  /* A zone-less ISO 8601 time (WordPress date_gmt, sloppy feeds) is read as UTC. */
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL && strlen (copy) == 10 && copy[4] == '-' && copy[7] == '-')
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (dt == NULL && strlen (copy) == 16 && copy[13] == ':')
    {
      /* "2018-01-06T08:00", with no seconds */
      g_autofree char *with_seconds = g_strconcat (copy, ":00", NULL);
      dt = g_date_time_new_from_iso8601 (with_seconds, utc);
    }
  if (dt == NULL && strlen (copy) > 4 && copy[4] == '-' && strchr (copy, ' ') != NULL)
    {
      /* "2024-09-07 10:00:00" */
      g_autofree char *iso = g_strdup (copy);
      iso[strchr (iso, ' ') - iso] = 'T';
      dt = g_date_time_new_from_iso8601 (iso, utc);
    }
  if (dt != NULL)
    return g_date_time_to_unix (dt);

  return parse_rfc1123 (copy);
}

/**
 * story_date_format_rfc3339:
 *
 * Returns: (transfer full) (nullable): the time as RFC 3339 in UTC, or %NULL
 *   when it is unknown
 */
char *
story_date_format_rfc3339 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == STORY_TIME_UNKNOWN)
    return NULL;

  dt = g_date_time_new_from_unix_utc (unix_time);
  if (dt == NULL)
    return NULL;

  /* RFC 3339 years have four digits; %Y would write the year 202 as "202". */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (dt),
                          g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
}

/**
 * story_date_format_relative:
 * @now: the current unix time
 *
 * Returns: (transfer full): a short time for a headline row: "Just now",
 *   "5 min ago", "3 h ago", "Yesterday", a weekday, or a date
 */
char *
story_date_format_relative (gint64 unix_time,
                            gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  gint64 age;
  int days;

  if (unix_time == STORY_TIME_UNKNOWN)
    return g_strdup ("");

  age = now - unix_time;
  if (age < 60)
    return g_strdup (_("Just now"));
  if (age < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago",
                                         (gulong)(age / 60)),
                            (int)(age / 60));
  if (age < 12 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         (gulong)(age / 3600)),
                            (int)(age / 3600));

  then = g_date_time_new_from_unix_local (unix_time);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return g_strdup ("");

  days = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (then) +
         365 * (g_date_time_get_year (today) - g_date_time_get_year (then));
  if (days == 0)
    /* Translators: a time of day, see the strftime manual */
    return g_date_time_format (then, _("%H:%M"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 7)
    return g_date_time_format (then, "%A");
  if (g_date_time_get_year (today) == g_date_time_get_year (then))
    /* Translators: a date in this year, see the strftime manual */
    return g_date_time_format (then, _("%e %B"));

  /* Translators: a date in another year, see the strftime manual */
  return g_date_time_format (then, _("%e %B %Y"));
}
