/* test-keyboard.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Driving the real window with the keyboard alone: j/k/n walk the
 * headlines across themes, m and s change the state in the store, Space
 * pages through an article and on to the next, and no single key fires
 * while one types into the search entry. */

#include "config.h"

#include <glib/gstdio.h>

#include "story-test-ui.h"
#include "story-window.h"


typedef StoryTestSample Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  story_test_sample_set_up (fixture, "keyboard.db");
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
stored_read (Fixture *fixture,
             gint64   id)
{
  g_autoptr(StoryArticle) article = stored (fixture, id);

  return story_article_get_read (article);
}

static gboolean
stored_starred (Fixture *fixture,
                gint64   id)
{
  g_autoptr(StoryArticle) article = stored (fixture, id);

  return story_article_get_starred (article);
}

static gint64
listed_id (Fixture *fixture,
           guint    theme,
           guint    position)
{
  g_autoptr(StoryTheme) t = g_list_model_get_item (story_window_get_themes (fixture->window), theme);
  g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (t), position);

  return story_article_get_id (article);
}

static gint64
shown_id (Fixture *fixture)
{
  StoryArticle *article = story_reader_view_get_article (story_window_get_reader (fixture->window));

  return article != NULL ? story_article_get_id (article) : 0;
}

static void
wait_shown (Fixture *fixture,
            gint64   id)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (story_window_get_reader (fixture->window));

  STORY_TEST_WAIT_UNTIL (shown_id (fixture) == id);
  STORY_TEST_WAIT_UNTIL (story_test_web_view_idle (web_view));
}

static gboolean
press (Fixture *fixture,
       guint    keyval)
{
  return story_test_press_key (GTK_WIDGET (fixture->window), keyval, 0);
}

static GtkWidget *
headline_list (Fixture *fixture)
{
  GtkWidget *list = story_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, TRUE);

  g_assert_nonnull (list);
  return list;
}

static void
test_walk (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StoryTheme) first_theme = g_list_model_get_item (story_window_get_themes (fixture->window), 0);
  guint n_first = g_list_model_get_n_items (story_theme_get_articles (first_theme));
  gint64 first = listed_id (fixture, 0, 0);
  gint64 second = listed_id (fixture, 0, 1);
  GtkWidget *focus;

  gtk_widget_grab_focus (headline_list (fixture));

  /* j opens the first headline, then the next one. */
  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, first);
  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, second);
  g_assert_true (press (fixture, GDK_KEY_k));
  wait_shown (fixture, first);

  /* Regression: the list kept focus after the article opened, so the
   * arrow keys go on from the headline just read. */
  story_test_settle (200);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, headline_list (fixture)));

  /* m and s change the state in the store. */
  STORY_TEST_WAIT_UNTIL (stored_read (fixture, first));
  g_assert_true (press (fixture, GDK_KEY_m));
  STORY_TEST_WAIT_UNTIL (!stored_read (fixture, first));
  g_assert_true (press (fixture, GDK_KEY_s));
  STORY_TEST_WAIT_UNTIL (stored_starred (fixture, first));
  g_assert_true (press (fixture, GDK_KEY_s));
  STORY_TEST_WAIT_UNTIL (!stored_starred (fixture, first));

  /* j crosses from the last headline of a theme into the next theme. */
  for (guint i = 1; i < n_first; i++)
    g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, listed_id (fixture, 0, n_first - 1));
  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, listed_id (fixture, 1, 0));

  /* n skips what is read: the first headline was marked unread with m. */
  g_settings_set_boolean (fixture->settings, "mark-read-on-open", FALSE);
  g_assert_true (press (fixture, GDK_KEY_n));
  STORY_TEST_WAIT_UNTIL (shown_id (fixture) != listed_id (fixture, 1, 0));
  g_assert_false (stored_read (fixture, shown_id (fixture)));
}

static gboolean
record_external_cb (StoryReaderView *reader,
                    const char      *uri,
                    char           **opened)
{
  g_free (*opened);
  *opened = g_strdup (uri);
  return TRUE;
}

/* o, and Enter on the headline being read, open the original in the
 * browser; Enter on another headline opens that one in the pane. */
static void
test_open_in_browser (Fixture       *fixture,
                      gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  g_autofree char *opened = NULL;
  gint64 first = listed_id (fixture, 0, 0);

  g_signal_connect (reader, "open-external", G_CALLBACK (record_external_cb), &opened);
  gtk_widget_grab_focus (headline_list (fixture));
  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, first);

  g_assert_true (press (fixture, GDK_KEY_o));
  g_assert_cmpstr (opened, ==, story_article_get_url (story_reader_view_get_article (reader)));
  g_clear_pointer (&opened, g_free);

  g_assert_true (press (fixture, GDK_KEY_Return));
  g_assert_cmpstr (opened, ==, story_article_get_url (story_reader_view_get_article (reader)));

  g_signal_handlers_disconnect_by_func (reader, record_external_cb, &opened);
}

static void
test_not_while_typing (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *entry;

  g_assert_true (press (fixture, GDK_KEY_slash));
  entry = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (GTK_IS_EDITABLE (entry));

  /* Every single key goes to the entry, none opens or changes an article. */
  g_assert_false (press (fixture, GDK_KEY_j));
  g_assert_false (press (fixture, GDK_KEY_n));
  g_assert_false (press (fixture, GDK_KEY_m));
  g_assert_false (press (fixture, GDK_KEY_s));
  g_assert_false (press (fixture, GDK_KEY_r));
  g_assert_false (press (fixture, GDK_KEY_space));
  story_test_settle (200);
  g_assert_cmpint (shown_id (fixture), ==, 0);

  /* Escape closes the search and gives the list its focus back. */
  g_assert_true (press (fixture, GDK_KEY_Escape));
  g_assert_cmpstr (story_window_get_visible_page (fixture->window), ==, "list");
  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, listed_id (fixture, 0, 0));
}

static double
scroll_y (WebKitWebView *web_view)
{
  g_autofree char *value = story_test_run_js (web_view, "window.scrollY");

  return g_ascii_strtod (value, NULL);
}

/* Polls the page's scroll position (the script itself waits on the loop). */
static gboolean
wait_scroll (WebKitWebView *web_view,
             gboolean       at_top)
{
  for (guint i = 0; i < 200; i++)
    {
      double y = scroll_y (web_view);

      if (at_top ? y == 0 : y > 100)
        return TRUE;
      story_test_settle (50);
    }

  return FALSE;
}

static void
test_space_pages_then_next (Fixture       *fixture,
                            gconstpointer  data)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (story_window_get_reader (fixture->window));
  gint64 first = listed_id (fixture, 0, 0);
  g_autofree char *bottom = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 500);
  g_assert_true (press (fixture, GDK_KEY_space));
  wait_shown (fixture, first);

  /* Space scrolls the article down... */
  g_assert_cmpfloat (scroll_y (web_view), ==, 0);
  g_assert_true (press (fixture, GDK_KEY_space));
  g_assert_true (wait_scroll (web_view, FALSE));

  /* ...Shift+Space back up, and at the end Space opens the next article. */
  g_assert_true (story_test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_space, GDK_SHIFT_MASK));
  g_assert_true (wait_scroll (web_view, TRUE));
  bottom = story_test_run_js (web_view, "window.scrollTo (0, document.scrollingElement.scrollHeight); true");
  g_assert_true (press (fixture, GDK_KEY_space));
  wait_shown (fixture, listed_id (fixture, 0, 1));
}

/* Folded, j opens the first headline too, and the next j the second. */
static void
test_walk_folded (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_settings_set_int (fixture->settings, "window-width", 600);
  fixture->window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  STORY_TEST_WAIT_UNTIL (g_list_model_get_n_items (story_window_get_themes (fixture->window)) > 1);
  story_test_settle (300);

  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, listed_id (fixture, 0, 0));
  story_test_settle (300);
  g_assert_cmpint (shown_id (fixture), ==, listed_id (fixture, 0, 0));
  g_assert_true (press (fixture, GDK_KEY_j));
  wait_shown (fixture, listed_id (fixture, 0, 1));
  story_test_settle (300);
  g_assert_cmpint (shown_id (fixture), ==, listed_id (fixture, 0, 1));
  g_settings_reset (fixture->settings, "window-width");
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

  ADD ("/keyboard/walk/j-k-n-m-s", test_walk);
  ADD ("/keyboard/typing/no-single-keys", test_not_while_typing);
  ADD ("/keyboard/open/o-and-enter", test_open_in_browser);
  ADD ("/keyboard/space/pages-then-next", test_space_pages_then_next);
  ADD ("/keyboard/walk/folded", test_walk_folded);

  status = g_test_run ();
  story_test_ui_cleanup ();

  return status;
}
