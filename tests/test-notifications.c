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

static StoryTheme *
theme_new (gint64        id,
           StoryArticle *first,
           StoryArticle *second)
{
  StoryTheme *theme = story_theme_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  story_theme_set_id (theme, id);
  g_ptr_array_add (articles, first);
  if (second != NULL)
    g_ptr_array_add (articles, second);
  story_theme_set_article_list (theme, articles);
  return theme;
}

/* Only followed themes, only articles newer than the last look; the next
 * look starts from the newest article of any theme. */
static void
test_collect_followed (void)
{
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) again = NULL;
  const gint64 followed[] = { 2 };
  gint64 newest = 10;

  g_ptr_array_add (themes, theme_new (1, article_new (12, "Unfollowed and new"), NULL));
  g_ptr_array_add (themes, theme_new (2, article_new (11, "Followed and new"),
                                      article_new (9, "Followed but seen")));

  fresh = story_application_collect_new_articles (themes, followed, G_N_ELEMENTS (followed),
                                                  &newest);
  g_assert_cmpuint (fresh->len, ==, 1);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (fresh, 0)), ==, "Followed and new");
  g_assert_cmpint (newest, ==, 12);

  /* Nothing is new twice. */
  again = story_application_collect_new_articles (themes, followed, G_N_ELEMENTS (followed),
                                                  &newest);
  g_assert_cmpuint (again->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notifications/summary/one", test_one);
  g_test_add_func ("/notifications/summary/many", test_many_summarised);
  g_test_add_func ("/notifications/collect/followed-and-new", test_collect_followed);

  return g_test_run ();
}
