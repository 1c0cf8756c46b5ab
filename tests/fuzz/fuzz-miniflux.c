/* fuzz-miniflux.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Miniflux API v1 entries (story_provider_miniflux): a page of the API, each
 * article's body through the sanitizer, and the input as an error body. */

#include "config.h"

#include "fuzz-provider.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const page_urls[] = {
    "https://rss.example/v1/entries?order=id&direction=desc&limit=100&offset=0",
    "https://rss.example/v1/entries?limit=0&offset=9223372036854775807",
    "https://rss.example/v1/entries",
    NULL
  };

  fuzz_provider (&story_provider_miniflux, page_urls, data, size);
  return 0;
}
