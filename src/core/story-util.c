/* story-util.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-util"

#include "config.h"

#include "story-util.h"

#include <string.h>

/* g_set_str() arrived in GLib 2.76; the floor is 2.74. */
gboolean
story_set_str (char       **str_pointer,
               const char  *new_str)
{
  char *copy;

  g_assert (str_pointer != NULL);

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

gboolean
story_set_strv (char             ***strv_pointer,
                const char * const *new_strv)
{
  char **copy;

  g_assert (strv_pointer != NULL);

  if ((const char * const *)*strv_pointer == new_strv)
    return FALSE;

  if (*strv_pointer != NULL && new_strv != NULL &&
      g_strv_equal ((const char * const *)*strv_pointer, new_strv))
    return FALSE;

  copy = g_strdupv ((char **)new_strv);
  g_strfreev (*strv_pointer);
  *strv_pointer = copy;

  return TRUE;
}

gboolean
story_str_empty (const char *str)
{
  return str == NULL || str[0] == '\0';
}

/**
 * story_url_redact:
 * @url: (nullable): an address, perhaps with credentials in it
 *   ("https://user:secret@host/feed.json")
 *
 * What may be shown or logged of @url: the same address without its user
 * name and password. Done on the text, so that an address no parser
 * accepts loses its credentials too.
 *
 * Returns: (transfer full) (nullable): @url without credentials
 */
char *
story_url_redact (const char *url)
{
  g_autofree char *head = NULL;
  const char *authority;
  const char *end;
  const char *at = NULL;

  if (url == NULL)
    return NULL;

  authority = strstr (url, "//");
  if (authority == NULL)
    return g_strdup (url);
  authority += 2;

  end = authority + strcspn (authority, "/?#");
  for (const char *p = authority; p < end; p++)
    {
      if (*p == '@')
        at = p;
    }
  if (at == NULL)
    return g_strdup (url);

  head = g_strndup (url, authority - url);
  return g_strconcat (head, at + 1, NULL);
}
