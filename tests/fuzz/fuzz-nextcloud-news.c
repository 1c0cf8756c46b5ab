/* fuzz-nextcloud-news.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Nextcloud News API v1.3 items (story_provider_nextcloud_news): a page of the API, each
 * article's body through the sanitizer, and the input as an error body. */

#include "config.h"

#include "fuzz-provider.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const page_urls[] = {
    "https://cloud.example/index.php/apps/news/api/v1-3/items?type=3&batchSize=2&offset=0",
    "https://cloud.example/index.php/apps/news/api/v1-3/items?batchSize=-1",
    "https://cloud.example/index.php/apps/news/api/v1-3/items/updated?lastModified=1",
    NULL
  };

  fuzz_provider (&story_provider_nextcloud_news, page_urls, data, size);
  return 0;
}
