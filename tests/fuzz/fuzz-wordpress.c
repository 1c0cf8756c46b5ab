/* fuzz-wordpress.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* WordPress REST API v2 posts (story_provider_wordpress): a page of the API, each
 * article's body through the sanitizer, and the input as an error body. */

#include "config.h"

#include "fuzz-provider.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const page_urls[] = {
    "https://wp.example/wp-json/wp/v2/posts?per_page=50&_embed=1&page=1",
    "https://wp.example/blog/wp-json/wp/v2/posts?page=99999999999",
    "https://wp.example/wp-json/wp/v2/posts",
    NULL
  };

  fuzz_provider (&story_provider_wordpress, page_urls, data, size);
  return 0;
}
