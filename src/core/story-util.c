/* story-util.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-util"

#include "config.h"

#include "story-util.h"

#include <errno.h>
#include <string.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

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

#define HASH_K1 G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)
#define HASH_K2 G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f)
#define HASH_K3 G_GUINT64_CONSTANT (0x165667b19e3779f9)

static inline guint64
rotl64 (guint64 x,
        int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
read64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

/* Every bit of the input reaches every bit of the output. */
static inline guint64
avalanche64 (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/**
 * story_hash64:
 * @data: (array length=length): the bytes
 * @seed: a previous result, to hash several pieces as one, or 0
 *
 * Hashes @data fast, 16 bytes a step in two independent lanes: to tell one
 * version of an article or a response from the next, where SHA-1 or SHA-256
 * cost 30 instructions a byte for a guarantee against forgery that a source,
 * which writes its own articles, has no use for. Not for secrets. The
 * length is part of the hash, so that chained pieces ("ab", "c") and
 * ("a", "bc") differ.
 *
 * Returns: the hash
 */
guint64
story_hash64 (const void *data,
              gsize       length,
              guint64     seed)
{
  const guint8 *p = data;
  guint64 a = seed ^ HASH_K1;
  guint64 b = rotl64 (seed, 32) ^ HASH_K2 ^ (guint64)length;

  for (; length >= 16; p += 16, length -= 16)
    {
      a = rotl64 (a ^ (read64 (p) * HASH_K2), 31) * HASH_K1;
      b = rotl64 (b ^ (read64 (p + 8) * HASH_K1), 27) * HASH_K3;
    }
  if (length > 0)
    {
      guint8 tail[16] = { 0 };

      memcpy (tail, p, length);
      a = rotl64 (a ^ (read64 (tail) * HASH_K2), 31) * HASH_K1;
      b = rotl64 (b ^ (read64 (tail + 8) * HASH_K1), 27) * HASH_K3;
    }

  return avalanche64 (a ^ avalanche64 (b));
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/**
 * story_utf8_validate:
 * @text: (array length=length): the bytes
 *
 * g_utf8_validate_len() with a fast path for ASCII, 8 bytes at a time:
 * bodies and feeds are nearly all ASCII, and GLib's check costs about 9
 * instructions a byte where this costs about two. Like GLib's, a NUL byte
 * is not valid.
 *
 * Returns: whether @text is valid UTF-8
 */
gboolean
story_utf8_validate (const char *text,
                     gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      gsize run;

      if (i + 8 <= length)
        {
          guint64 word;

          memcpy (&word, text + i, sizeof word);
          /* No byte with its high bit set, and none zero. */
          if (((word | ((word - ONES) & ~word)) & HIGHS) == 0)
            {
              i += 8;
              continue;
            }
        }

      if (text[i] == '\0')
        return FALSE;
      if ((guchar) text[i] < 0x80)
        {
          i++;
          continue;
        }

      for (run = i; run < length && (guchar) text[run] >= 0x80; run++)
        ;
      if (!g_utf8_validate_len (text + i, run - i, NULL))
        return FALSE;
      i = run;
    }

  return TRUE;
}

/**
 * story_utf8_make_valid:
 * @text: the text
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * g_utf8_make_valid(), quick for text that is valid already: the usual case.
 *
 * Returns: (transfer full): a copy of @text with each broken sequence
 *   replaced by U+FFFD, ending at its first NUL
 */
char *
story_utf8_make_valid (const char *text,
                       gssize      length)
{
  gsize size = length < 0 ? strlen (text) : (gsize) length;

  if (story_utf8_validate (text, size))
    return g_strndup (text, size);

  return g_utf8_make_valid (text, length);
}

/**
 * story_thread_yield_to_writer:
 *
 * Lowers the calling thread's priority (nice 10, Linux only): for the threads
 * that prepare a sync's articles for the one that writes them. The writer is
 * the sync's longest chain and the others only need to stay a few chunks
 * ahead of it, but on two cores the scheduler shared them out evenly: a sync
 * of 50,000 articles took 4.25-4.8 s with the writer among equals and
 * 4.05-4.2 s ahead of them. Background work gives way to the rest of the
 * desktop too. The thread stays lowered: call it only from a thread of
 * one's own that ends with its work.
 */
void
story_thread_yield_to_writer (void)
{
#ifdef __linux__
  /* With NPTL, a thread's own nice value; raising it needs no privilege. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
    g_debug ("Could not lower a thread's priority: %s", g_strerror (errno));
#endif
}
