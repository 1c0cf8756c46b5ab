/* story-util.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-util"

#include "config.h"

#include "story-util.h"

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
