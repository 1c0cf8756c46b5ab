/* test-notifications.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A sync that brings new articles in followed themes says so in one
 * notification that sums them up, and a click opens the first article. */

#include "config.h"

#include "story-application.h"

static StoryArticle *
article_new (gint64      id,
             const char *title)
{
  StoryArticle *article = story_article_new ();

  story_article_set_id (article, id);
  story_article_set_title (article, title);
  return article;
}

static void
test_one (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_ptr_array_add (articles, article_new (42, "Nightline ridership beats forecasts"));
  g_assert_cmpint (story_application_summarize_new_articles (articles, &title, &body), ==, 42);
  g_assert_cmpstr (title, ==, "1 new article in followed themes");
  g_assert_cmpstr (body, ==, "Nightline ridership beats forecasts");

  notification = story_application_build_new_articles_notification (articles);
  g_assert_true (G_IS_NOTIFICATION (notification));
}

static void
test_many_summarised (void)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_ptr_array_add (articles, article_new (7, "Rain at last"));
  g_ptr_array_add (articles, article_new (8, "Cooling centres"));
  g_ptr_array_add (articles, article_new (9, NULL));

  /* One notification for the sync, not one per article; it opens the first. */
  g_assert_cmpint (story_application_summarize_new_articles (articles, &title, &body), ==, 7);
  g_assert_cmpstr (title, ==, "3 new articles in followed themes");
  g_assert_cmpstr (body, ==, "“Rain at last” and 2 more");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifications/summary/one", test_one);
  g_test_add_func ("/notifications/summary/many", test_many_summarised);

  return g_test_run ();
}
