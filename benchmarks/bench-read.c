/* bench-read.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The read side over a cache of 100,000 articles: full-text search (search),
 * and what opening a headline costs before WebKit gets the page: the article
 * and its theme's related articles from the store, and the page rendered
 * (open). */

#define G_LOG_DOMAIN "story-bench"

#include "config.h"

#include "story-article-page.h"
#include "story-bench-workload.h"

#define N_RUNS 41

static gboolean
bench_search (StoryStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_results = 0;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *query = story_bench_workload_query (run + 1);
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      double start = story_bench_now ();
      double elapsed;

      /* The first page: what the window shows before any scrolling. */
      results = story_store_search (store, query, 50, &error);
      elapsed = story_bench_now () - start;
      g_assert_no_error (error);
      n_results += results->len;
      g_array_append_val (times, elapsed);
    }

  story_bench_report ("search-results", n_results / (double)N_RUNS, "articles", 0);
  return story_bench_report ("search", story_bench_median (times) * 1000, "ms", 20);
}

static gboolean
bench_open (StoryStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GPtrArray) headlines = NULL;
  g_autoptr(GError) error = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;

  query.limit = 2000;
  headlines = story_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  g_assert (headlines->len > 0);

  for (guint run = 0; run < N_RUNS; run++)
    {
      StoryArticle *headline = g_ptr_array_index (headlines,
                                                  g_rand_int_range (rand, 0, headlines->len));
      g_autoptr(StoryArticle) article = NULL;
      g_autoptr(GPtrArray) related = NULL;
      g_autofree char *page = NULL;
      double start = story_bench_now ();
      double elapsed;

      article = story_store_get_article (store, story_article_get_id (headline), &error);
      g_assert_no_error (error);
      related = story_store_list_related (store, story_article_get_id (headline), 5, &error);
      g_assert_no_error (error);
      page = story_article_page_render (article, related, NULL, "light", FALSE,
                                        g_get_real_time () / G_USEC_PER_SEC);
      elapsed = story_bench_now () - start;
      g_assert (page != NULL);
      g_array_append_val (times, elapsed);
    }

  return story_bench_report ("open-store-render", story_bench_median (times) * 1000, "ms", 100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryStore) store = NULL;
  g_autofree char *path = NULL;
  const char *what = argc > 1 ? argv[1] : "search";
  gboolean ok;

  path = story_bench_ensure_big_cache (&error);
  g_assert_no_error (error);
  store = story_store_new (path, &error);
  g_assert_no_error (error);

  if (g_str_equal (what, "search"))
    ok = bench_search (store);
  else if (g_str_equal (what, "open"))
    ok = bench_open (store);
  else
    g_error ("Unknown benchmark “%s”", what);

  return ok ? 0 : 1;
}
