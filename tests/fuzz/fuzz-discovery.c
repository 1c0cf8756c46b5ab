/* fuzz-discovery.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Feed discovery in a web page. The input's first line is the page's
 * address (a fixed one when it is empty or there is no line feed), the rest
 * the page. Every link found must be an absolute, valid UTF-8 address, found
 * once. The address itself also goes through the normalizer a pasted
 * address goes through. */

#include "config.h"

#include "fuzz.h"

#include "story-discovery.h"

#define DEFAULT_BASE "https://news.example/articles/today.html"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *html = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *api_url = NULL;

  fuzz_init ();

  html = fuzz_split_first_line (data, size, &base_url);
  if (base_url == NULL)
    base_url = g_strdup (DEFAULT_BASE);

  normalized = story_discovery_normalize_url (base_url);
  if (normalized != NULL)
    g_assert_nonnull (g_uri_peek_scheme (normalized));

  links = story_discovery_find_links (html, strlen (html), base_url);
  g_assert_nonnull (links);

  for (guint i = 0; i < links->len; i++)
    {
      StoryFeedLink *link = g_ptr_array_index (links, i);

      g_assert_nonnull (link->url);
      g_assert_true (g_utf8_validate (link->url, -1, NULL));
      g_assert_nonnull (g_uri_peek_scheme (link->url));
      g_assert_true (g_hash_table_add (seen, link->url));
      if (link->title != NULL)
        {
          g_assert_cmpstr (link->title, !=, "");
          g_assert_true (g_utf8_validate (link->title, -1, NULL));
        }
    }

  /* The same page, read for a WordPress site's REST API. */
  api_url = story_discovery_find_wordpress_api (html, strlen (html), base_url);
  if (api_url != NULL)
    {
      g_assert_true (g_utf8_validate (api_url, -1, NULL));
      g_assert_nonnull (g_uri_peek_scheme (api_url));
    }

  return 0;
}
