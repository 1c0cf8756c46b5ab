/* fuzz-gnews.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GNews v4 headlines (story_provider_gnews): a page of the API, each
 * article's body through the sanitizer, and the input as an error body. */

#include "config.h"

#include "fuzz-provider.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const page_urls[] = {
    "https://gnews.io/api/v4/top-headlines?category=world&max=10&page=1",
    "https://gnews.io/api/v4/search?q=x&max=-1",
    "https://gnews.io/api/v4/top-headlines?category=%00",
    NULL
  };

  fuzz_provider (&story_provider_gnews, page_urls, data, size);
  return 0;
}
