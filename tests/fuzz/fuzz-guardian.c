/* fuzz-guardian.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Guardian Content API search results (story_provider_guardian): a page of the API, each
 * article's body through the sanitizer, and the input as an error body. */

#include "config.h"

#include "fuzz-provider.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const page_urls[] = {
    "https://content.guardianapis.com/search?section=world&page=1",
    "https://content.guardianapis.com/search?page=-4",
    "https://content.guardianapis.com/search",
    NULL
  };

  fuzz_provider (&story_provider_guardian, page_urls, data, size);
  return 0;
}
