/* fuzz-provider.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every provider harness does with its input: parse it as a page of
 * the provider's API, and explain it as the body of a failed request. The
 * input's length picks the page address's query and the status, so that
 * one corpus reaches the paging and every error branch. */

#pragma once

#include "fuzz.h"

#include "story-article.h"
#include "story-provider.h"
#include "story-sanitizer.h"

static inline void
fuzz_check_url (const char *url)
{
  if (url != NULL)
    g_assert_true (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

static inline void
fuzz_provider (const StoryProvider *provider,
               const char * const  *page_urls,
               const uint8_t       *data,
               size_t               size)
{
  static const guint statuses[] = { 400, 401, 403, 404, 429, 500, 503 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) status_error = NULL;
  g_autoptr(StoryFeed) page = NULL;
  StoryHttpResponse *response = NULL;
  const char *page_url;
  guint n_urls = 0;

  fuzz_init ();

  while (page_urls[n_urls] != NULL)
    n_urls++;
  page_url = page_urls[size % n_urls];

  bytes = g_bytes_new (data, size);

  /* A response with the paging headers an API sends, now and then. */
  if (size % 3 != 0)
    {
      response = g_new0 (StoryHttpResponse, 1);
      response->status = 200;
      response->url = g_strdup (page_url);
      response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (response->headers, g_strdup ("x-wp-totalpages"),
                           g_strdup (size % 3 == 1 ? "3" : "99999999999999999999"));
    }

  page = provider->parse (bytes, response, page_url, &error);
  g_clear_pointer (&response, story_http_response_free);

  /* Exactly one of a page and an error, and an error in words. */
  g_assert_true ((page == NULL) != (error == NULL));
  if (page == NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  else
    {
      g_assert_nonnull (page->articles);
      fuzz_check_url (page->next_url);
      g_assert_true (page->next_url == NULL || !g_str_equal (page->next_url, page_url));

      for (guint i = 0; i < page->articles->len; i++)
        {
          StoryArticle *article = g_ptr_array_index (page->articles, i);
          const char *title = story_article_get_title (article);
          const char *summary = story_article_get_summary (article);
          const char * const *tags = story_article_get_tags (article);
          g_autoptr(StorySanitized) sanitized = NULL;

          g_assert_nonnull (story_article_get_remote_id (article));
          g_assert_true (title == NULL || g_utf8_validate (title, -1, NULL));
          g_assert_true (summary == NULL || g_utf8_validate (summary, -1, NULL));
          fuzz_check_url (story_article_get_image (article));
          for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
            g_assert_true (g_utf8_validate (tags[j], -1, NULL) && tags[j][0] != '\0');

          sanitized = story_sanitize_html (story_article_get_content_html (article),
                                           story_article_get_url (article));
          g_assert_nonnull (sanitized->html);
        }
    }

  /* The same bytes as what the service said about a failed request. */
  story_provider_set_status_error (provider, statuses[size % G_N_ELEMENTS (statuses)], bytes,
                                   &status_error);
  g_assert_nonnull (status_error);
  g_assert_true (g_utf8_validate (status_error->message, -1, NULL));
}
