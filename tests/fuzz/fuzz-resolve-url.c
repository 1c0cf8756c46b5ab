/* fuzz-resolve-url.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* URL absolutizing. The input's first line is the base URL (none when it is
 * empty or there is no line feed), the rest the reference. The result also
 * goes through the link check and the image URI round trip. The whole input,
 * NUL bytes and all, is also sniffed as a downloaded image would be. */

#include "config.h"

#include "fuzz.h"

#include "story-image-cache.h"
#include "story-sanitizer.h"

/* Only the formats Storyline shows, and SVG only when it says so early on. */
static void
check_sniff (const uint8_t *data,
             size_t         size)
{
  const char *type = story_image_cache_sniff (data, size);
  static const char * const known[] = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/svg+xml", NULL,
  };

  if (type == NULL)
    return;

  g_assert_true (g_strv_contains (known, type));
  if (g_str_equal (type, "image/svg+xml"))
    {
      gsize n = MIN (size, 1024);
      gboolean found = FALSE;

      for (gsize i = 0; i + 4 <= n && !found; i++)
        found = g_ascii_strncasecmp ((const char *)data + i, "<svg", 4) == 0;
      g_assert_true (found);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *base_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *link = NULL;

  fuzz_init ();

  check_sniff (data, size);

  url = fuzz_split_first_line (data, size, &base_url);

  absolute = story_resolve_url (base_url, url);
  link = story_sanitize_link_url (base_url, url);

  if (link != NULL)
    g_assert_true (g_str_has_prefix (link, "http://") ||
                   g_str_has_prefix (link, "https://") ||
                   g_str_has_prefix (link, "mailto:"));

  if (absolute != NULL)
    {
      g_autofree char *uri = story_image_uri_for_url (absolute);
      g_autofree char *back = story_image_url_from_uri (uri);

      g_assert_cmpstr (back, ==, absolute);
    }

  return 0;
}
