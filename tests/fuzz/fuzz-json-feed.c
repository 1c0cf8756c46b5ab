/* fuzz-json-feed.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON Feed parser, then what a sync does with each article: the body
 * through the sanitizer. Inputs of odd length are parsed without a base URL,
 * so relative URLs resolve against the feed's own feed_url. */

#include "config.h"

#include "fuzz.h"

#include "story-article.h"
#include "story-json-feed.h"
#include "story-sanitizer.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  const char *base_url = size % 2 == 0 ? "https://example.com/blog/feed.json" : NULL;

  fuzz_init ();

  bytes = g_bytes_new (data, size);
  feed = story_json_feed_parse (bytes, base_url, &error);

  /* Exactly one of a feed and an error. */
  g_assert_true ((feed == NULL) != (error == NULL));
  if (feed == NULL)
    {
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_nonnull (feed->articles);
  g_assert_true (feed->title == NULL || g_utf8_validate (feed->title, -1, NULL));

  for (guint i = 0; i < feed->articles->len; i++)
    {
      StoryArticle *article = g_ptr_array_index (feed->articles, i);
      const char *title = story_article_get_title (article);
      const char *html = story_article_get_content_html (article);
      g_autoptr(StorySanitized) sanitized = NULL;

      g_assert_nonnull (story_article_get_remote_id (article));
      g_assert_true (title == NULL || g_utf8_validate (title, -1, NULL));

      sanitized = story_sanitize_html (html, story_article_get_url (article));
      g_assert_nonnull (sanitized->html);
    }

  return 0;
}
