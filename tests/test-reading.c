/* test-reading.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A reader's state in the real window: search, star, read, the filters,
 * and Mark All as Read with its Undo, checked in the window and the store. */

#include "config.h"

#include <glib/gstdio.h>

#include "story-test-ui.h"
#include "story-window.h"


typedef StoryTestSample Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  story_test_sample_set_up (fixture, "reading.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  story_test_sample_tear_down (fixture);
}

static StoryArticle *
stored (Fixture *fixture,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  StoryArticle *article = story_store_get_article (fixture->store, id, &error);

  g_assert_no_error (error);
  return article;
}

static gboolean
stored_starred (Fixture *fixture,
                gint64   id)
{
  g_autoptr(StoryArticle) article = stored (fixture, id);

  return story_article_get_starred (article);
}

static gboolean
stored_read (Fixture *fixture,
             gint64   id)
{
  g_autoptr(StoryArticle) article = stored (fixture, id);

  return story_article_get_read (article);
}

static guint
count_listed (StoryWindow *window)
{
  GListModel *themes = story_window_get_themes (window);
  guint total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);

      total += g_list_model_get_n_items (story_theme_get_articles (theme));
    }

  return total;
}

static guint
count_unread_in_store (Fixture *fixture)
{
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  query.unread_only = TRUE;
  articles = story_store_list_articles (fixture->store, &query, &error);
  g_assert_no_error (error);
  return articles->len;
}

static void
open_and_wait (Fixture *fixture,
               gint64   id)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);

  g_assert_true (story_window_select_article (fixture->window, id));
  STORY_TEST_WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
                         story_article_get_id (story_reader_view_get_article (reader)) == id);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *results = story_window_get_search_results (fixture->window);
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  g_autoptr(StoryArticle) first = NULL;

  /* Prefixes, any case, without accents: the results come as one types. */
  story_window_search (fixture->window, "RESERV");
  STORY_TEST_WAIT_UNTIL (g_list_model_get_n_items (results) > 0);
  g_assert_cmpstr (story_window_get_visible_page (fixture->window), ==, "search");
  first = g_list_model_get_item (results, 0);
  g_assert_nonnull (strstr (story_article_get_title (first), "Reservoir"));

  /* Choosing a result opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-search-result",
                                             NULL));
  STORY_TEST_WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
                         story_article_get_id (story_reader_view_get_article (reader)) ==
                         story_article_get_id (first));

  /* Nothing matches: a status page, not an error. */
  story_window_search (fixture->window, "\"zzqx NEAR(");
  STORY_TEST_WAIT_UNTIL (g_str_equal (story_window_get_visible_page (fixture->window),
                                      "no-results"));

  /* Clearing the search brings the themes back. */
  story_window_search (fixture->window, "");
  g_assert_cmpstr (story_window_get_visible_page (fixture->window), ==, "list");
}

static void
test_star_and_starred_filter (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(StoryTheme) theme = g_list_model_get_item (story_window_get_themes (fixture->window), 1);
  g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (theme), 0);
  gint64 id = story_article_get_id (article);

  open_and_wait (fixture, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-star",
                                             NULL));
  STORY_TEST_WAIT_UNTIL (stored_starred (fixture, id));
  g_assert_true (story_article_get_starred (article));

  /* The Starred filter lists that article and nothing else. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "starred");
  STORY_TEST_WAIT_UNTIL (count_listed (fixture->window) == 1);

  /* Unstarred from the row's menu action: the filter empties and says so. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.article-toggle-star", "x", id);
  STORY_TEST_WAIT_UNTIL (!stored_starred (fixture, id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "starred");
  STORY_TEST_WAIT_UNTIL (g_str_equal (story_window_get_visible_page (fixture->window),
                                      "filtered-empty"));
}

static void
test_unread_filter_and_toggle (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(StoryTheme) theme = g_list_model_get_item (story_window_get_themes (fixture->window), 0);
  g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (theme), 0);
  gint64 id = story_article_get_id (article);
  guint all = count_listed (fixture->window);

  /* Opening marks read; the Unread filter then leaves it out. */
  open_and_wait (fixture, id);
  STORY_TEST_WAIT_UNTIL (stored_read (fixture, id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "unread");
  STORY_TEST_WAIT_UNTIL (count_listed (fixture->window) == all - 1);

  /* Mark as Unread from the header brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-read",
                                             NULL));
  STORY_TEST_WAIT_UNTIL (!stored_read (fixture, id));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "unread");
  STORY_TEST_WAIT_UNTIL (count_listed (fixture->window) == all);
}

static void
test_mark_all_read_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  guint before = count_unread_in_store (fixture);

  g_assert_cmpuint (before, >=, 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-all-read",
                                             NULL));
  STORY_TEST_WAIT_UNTIL (count_unread_in_store (fixture) == 0);

  for (guint i = 0; i < g_list_model_get_n_items (story_window_get_themes (fixture->window)); i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (story_window_get_themes (fixture->window), i);
      g_assert_cmpint (story_theme_get_unread_count (theme), ==, 0);
    }

  /* The toast's Undo puts every mark back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.undo-mark-all-read", NULL));
  STORY_TEST_WAIT_UNTIL (count_unread_in_store (fixture) == before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!story_test_ui_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/reading/search/as-you-type", test_search);
  ADD ("/reading/star/starred-filter", test_star_and_starred_filter);
  ADD ("/reading/read/unread-filter", test_unread_filter_and_toggle);
  ADD ("/reading/read/mark-all-and-undo", test_mark_all_read_and_undo);

  status = g_test_run ();
  story_test_ui_cleanup ();

  return status;
}
