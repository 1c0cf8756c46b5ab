/* story-provider-json-feed.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* JSON Feed 1.0 and 1.1: any address, no account, paging by next_url. The
 * parser itself is story-json-feed.c, which the CLI and discovery use too. */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "story-provider.h"

#define FEED_ACCEPT "application/feed+json, application/json;q=0.9, */*;q=0.1"

static void
json_feed_prepare (const StoryProviderContext *context,
                   const char                 *page_url,
                   StoryProviderRequest       *request)
{
  request->accept = g_strdup (FEED_ACCEPT);
}

static StoryFeed *
json_feed_parse (GBytes             *body,
                 StoryHttpResponse  *response,
                 const char         *page_url,
                 GError            **error)
{
  /* Relative addresses resolve against where the page came from, after redirects. */
  return story_json_feed_parse (body, response != NULL ? response->url : page_url, error);
}

const StoryProvider story_provider_json_feed = {
  .kind = STORY_PROVIDER_JSON_FEED,
  .name = N_("JSON Feed"),
  .follows_moves = TRUE,
  .max_pages = 10,
  .prepare = json_feed_prepare,
  .parse = json_feed_parse,
};
