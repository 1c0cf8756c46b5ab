/* fuzz-resolve-url.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* URL absolutizing. The input's first line is the base URL (none when it is
 * empty or there is no line feed), the rest the reference. The result also
 * goes through the link check and the image URI round trip. */

#include "config.h"

#include "fuzz.h"

#include "story-sanitizer.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *base_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *link = NULL;

  fuzz_init ();

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
