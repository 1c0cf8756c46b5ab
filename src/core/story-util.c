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

/**
 * story_url_split_credentials:
 * @url: (nullable): an address, perhaps with credentials in it
 * @credentials: (out) (optional) (nullable): the user name and password
 *   @url carried ("user:password", percent-encoded as they were), %NULL
 *   when it carried none
 *
 * Takes the credentials out of an address, as story_url_redact() does.
 *
 * Returns: (transfer full) (nullable): @url without credentials
 */
char *
story_url_split_credentials (const char  *url,
                             char       **credentials)
{
  const char *authority;
  const char *end;
  const char *at = NULL;

  if (credentials != NULL)
    *credentials = NULL;
  if (url == NULL)
    return NULL;

  authority = strstr (url, "//");
  if (authority != NULL)
    {
      authority += 2;
      end = authority + strcspn (authority, "/?#");
      for (const char *p = authority; p < end; p++)
        {
          if (*p == '@')
            at = p;
        }
    }

  if (at != NULL && credentials != NULL && at > authority)
    *credentials = g_strndup (authority, at - authority);

  return story_url_redact (url);
}

/**
 * story_login_parse:
 * @credentials: "user:password" as story_url_split_credentials() gives it
 * @user: (out): the user name, decoded
 * @password: (out): the password, decoded; empty when there is none
 *
 * Free both with story_str_wipe().
 *
 * Returns: whether @credentials could be decoded
 */
gboolean
story_login_parse (const char  *credentials,
                   char       **user,
                   char       **password)
{
  g_autofree char *escaped_user = NULL;
  const char *colon;

  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  *user = NULL;
  *password = NULL;
  if (credentials == NULL)
    return FALSE;

  colon = strchr (credentials, ':');
  escaped_user = colon != NULL ? g_strndup (credentials, colon - credentials)
                               : g_strdup (credentials);
  *user = g_uri_unescape_string (escaped_user, NULL);
  *password = colon != NULL ? g_uri_unescape_string (colon + 1, NULL) : g_strdup ("");
  story_str_wipe (g_steal_pointer (&escaped_user));

  if (*user == NULL || *password == NULL)
    {
      g_clear_pointer (user, story_str_wipe);
      g_clear_pointer (password, story_str_wipe);
      return FALSE;
    }

  return TRUE;
}

/**
 * story_str_wipe:
 * @str: (nullable): a string that held a secret
 *
 * Overwrites @str with zeros and frees it.
 */
void
story_str_wipe (char *str)
{
  if (str == NULL)
    return;

  explicit_bzero (str, strlen (str));
  g_free (str);
}

/**
 * story_uri_same_origin:
 *
 * Returns: whether @a and @b have the same scheme, host and port
 */
gboolean
story_uri_same_origin (GUri *a,
                       GUri *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ?: "", g_uri_get_host (b) ?: "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}
