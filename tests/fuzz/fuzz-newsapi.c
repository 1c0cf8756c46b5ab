/* fuzz-newsapi.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* NewsAPI.org v2 headlines (story_provider_newsapi): a page of the API, each
 * article's body through the sanitizer, and the input as an error body. */

#include "config.h"

#include "fuzz-provider.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const page_urls[] = {
    "https://newsapi.org/v2/top-headlines?category=science&pageSize=20&page=1",
    "https://newsapi.org/v2/everything?q=x&pageSize=0",
    "https://newsapi.org/v2/top-headlines?category=&page=2147483647",
    NULL
  };

  fuzz_provider (&story_provider_newsapi, page_urls, data, size);
  return 0;
}
