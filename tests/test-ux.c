/* test-ux.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Around the reading: a preference seen at once in the reading pane, the
 * reader's place restored at start, the narrow layout folding with a way
 * back, and Mark Below as Read from a headline's menu. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "story-test-ui.h"
#include "story-image-cache.h"
#include "story-application.h"
#include "story-preferences-window.h"
#include "story-window.h"


typedef StoryTestSample Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  story_test_sample_set_up (fixture, "ux.db");
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
body_font_has (WebKitWebView *web_view,
               const char    *family)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *font = NULL;

      story_test_settle (50);
      if (!story_test_web_view_idle (web_view))
        continue;
      font = story_test_run_js (web_view, "getComputedStyle (document.body).fontFamily");
      if (strstr (font, family) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
root_class_has (WebKitWebView *web_view,
                const char    *name)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *classes = NULL;

      story_test_settle (50);
      if (!story_test_web_view_idle (web_view))
        continue;
      classes = story_test_run_js (web_view, "document.documentElement.className");
      if (strstr (classes, name) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Whether the article column's computed max-width, in ems of the body's
 * font size, becomes @ems. */
static gboolean
measure_is (WebKitWebView *web_view,
            const char    *ems)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *measure = NULL;

      story_test_settle (50);
      if (!story_test_web_view_idle (web_view))
        continue;
      measure = story_test_run_js (web_view,
                                   "String (Math.round (parseFloat (getComputedStyle (document.body).maxWidth)"
                                   " / parseFloat (getComputedStyle (document.body).fontSize)))");
      if (g_strcmp0 (measure, ems) == 0)
        return TRUE;
    }

  return FALSE;
}

static AdwComboRow *
combo_row (GtkWidget  *root,
           const char *title)
{
  if (ADW_IS_COMBO_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_COMBO_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = combo_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_preference_at_once (Fixture       *fixture,
                         gconstpointer  data)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (story_window_get_reader (fixture->window));
  g_autoptr(StoryImageCache) cache = story_image_cache_new (story_test_ui_get_home ());
  GtkWidget *preferences;
  AdwComboRow *fonts;

  story_window_show_article (fixture->window, listed_id (fixture, 0, 0));
  wait_shown (fixture, listed_id (fixture, 0, 0));

  /* Serif chosen in the preferences: the open article changes its font at
   * once, and so does Sans Serif after it. */
  preferences = story_preferences_window_new (fixture->settings, fixture->store, cache);
  gtk_window_present (GTK_WINDOW (preferences));
  fonts = combo_row (preferences, "Article Font");
  g_assert_nonnull (fonts);
  adw_combo_row_set_selected (fonts, 1);
  g_assert_true (body_font_has (web_view, "serif"));
  adw_combo_row_set_selected (fonts, 2);
  g_assert_true (body_font_has (web_view, "sans-serif"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "article-font"), ==, "sans-serif");

  /* Sepia colors: the page's root element says so at once. */
  adw_combo_row_set_selected (combo_row (preferences, "Article Colors"), 3);
  g_assert_true (root_class_has (web_view, "sepia"));

  /* The text size in percent is the reading pane's zoom. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (story_test_find_widget (preferences,
                                                                      GTK_TYPE_SPIN_BUTTON,
                                                                      FALSE)),
                             150);
  STORY_TEST_WAIT_UNTIL (webkit_web_view_get_zoom_level (web_view) == 1.5);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The hardware acceleration switch shows what the reading pane does: left to Storyline,
 * on only where a graphics card can be reached; opening the preferences chooses nothing,
 * and the user's flip is their choice. */
static void
test_acceleration_switch (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(StoryImageCache) cache = story_image_cache_new (story_test_ui_get_home ());
  gboolean gpu = story_application_pick_renderer ("/dev/dri") == NULL;
  GtkWidget *preferences;
  GtkSwitch *toggle = NULL;

  g_settings_reset (fixture->settings, "hardware-acceleration");
  preferences = story_preferences_window_new (fixture->settings, fixture->store, cache);
  gtk_window_present (GTK_WINDOW (preferences));

  /* The switch of the "Hardware Acceleration" row. */
  for (GtkWidget *row = story_test_find_widget (preferences, ADW_TYPE_ACTION_ROW, FALSE);
       row != NULL && toggle == NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                   "Hardware Acceleration") == 0)
      toggle = GTK_SWITCH (story_test_find_widget (row, GTK_TYPE_SWITCH, FALSE));
  g_assert_nonnull (toggle);

  g_assert_true (gtk_switch_get_active (toggle) == gpu);
  g_assert_null (g_settings_get_user_value (fixture->settings, "hardware-acceleration"));

  gtk_switch_set_active (toggle, !gpu);
  g_assert_true (g_settings_get_boolean (fixture->settings, "hardware-acceleration") == !gpu);
  g_settings_reset (fixture->settings, "hardware-acceleration");
  g_assert_true (gtk_switch_get_active (toggle) == gpu);

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The "Article width" preference changes the open article's measure at once. */
static void
test_article_width_at_once (Fixture       *fixture,
                            gconstpointer  data)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (story_window_get_reader (fixture->window));
  g_autoptr(StoryImageCache) cache = story_image_cache_new (story_test_ui_get_home ());
  GtkWidget *preferences;
  AdwComboRow *widths;

  story_window_show_article (fixture->window, listed_id (fixture, 0, 0));
  wait_shown (fixture, listed_id (fixture, 0, 0));
  g_assert_true (measure_is (web_view, "38"));

  preferences = story_preferences_window_new (fixture->settings, fixture->store, cache);
  gtk_window_present (GTK_WINDOW (preferences));
  widths = combo_row (preferences, "Article Width");
  g_assert_nonnull (widths);
  g_assert_cmpuint (adw_combo_row_get_selected (widths), ==, 1);

  adw_combo_row_set_selected (widths, 0);
  g_assert_true (measure_is (web_view, "30"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "article-width"), ==, "narrow");
  adw_combo_row_set_selected (widths, 2);
  g_assert_true (measure_is (web_view, "48"));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "article-width"), ==, "wide");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_last_article_restored (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 id = listed_id (fixture, 1, 1);

  story_window_show_article (fixture->window, id);
  wait_shown (fixture, id);
  g_assert_cmpint (g_settings_get_int64 (fixture->settings, "last-article"), ==, id);

  /* A new window, as after a restart: the same article is open again. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_shown (fixture, id);
}

static GtkWidget *
list_page (AdwLeaflet *leaflet)
{
  GtkWidget *list = story_test_find_widget (GTK_WIDGET (leaflet), GTK_TYPE_LIST_VIEW, FALSE);

  while (gtk_widget_get_parent (list) != GTK_WIDGET (leaflet))
    list = gtk_widget_get_parent (list);
  return list;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_narrow_folds (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (story_test_find_widget (GTK_WIDGET (fixture->window),
                                                             ADW_TYPE_LEAFLET, FALSE));
  GtkWidget *back = NULL;
  int min_width = 0;

  g_assert_false (adw_leaflet_get_folded (leaflet));

  /* A window 600 pixels wide, as the last one was: it starts folded. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_settings_set_int (fixture->settings, "window-width", 600);
  fixture->window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  leaflet = ADW_LEAFLET (story_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET,
                                                 FALSE));
  STORY_TEST_WAIT_UNTIL (g_list_model_get_n_items (story_window_get_themes (fixture->window)) > 1);
  STORY_TEST_WAIT_UNTIL (adw_leaflet_get_folded (leaflet));

  /* Opening a headline shows the article alone, with a back button. */
  story_window_show_article (fixture->window, listed_id (fixture, 0, 0));
  wait_shown (fixture, listed_id (fixture, 0, 0));
  STORY_TEST_WAIT_UNTIL (!gtk_widget_get_child_visible (list_page (leaflet)));
  back = find_button (GTK_WIDGET (fixture->window), "Back");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_is_drawable (back));

  /* Folded, the panes fit a phone 400 pixels wide: Open in Browser goes from
   * the header bar into the Article Options menu. */
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (fixture->window),
                                                       "Open in Browser")));
  gtk_widget_measure (GTK_WIDGET (leaflet), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 400);

  /* The back button returns to the list, and the list has the focus. */
  gtk_widget_activate (back);
  STORY_TEST_WAIT_UNTIL (gtk_widget_get_child_visible (list_page (leaflet)) &&
                         adw_leaflet_get_visible_child (leaflet) == list_page (leaflet));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         list_page (leaflet)));
}

static void
test_mark_below (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *themes = story_window_get_themes (fixture->window);
  gint64 first = listed_id (fixture, 0, 0);
  gint64 second = listed_id (fixture, 0, 1);
  guint n_themes = g_list_model_get_n_items (themes);
  g_autoptr(StoryTheme) last_theme = g_list_model_get_item (themes, n_themes - 1);
  guint n_last = g_list_model_get_n_items (story_theme_get_articles (last_theme));
  gint64 last = listed_id (fixture, n_themes - 1, n_last - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-below-read",
                                             "x", first));
  STORY_TEST_WAIT_UNTIL (stored_read (fixture, last));
  g_assert_true (stored_read (fixture, second));
  g_assert_false (stored_read (fixture, first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mark-above-read",
                                             "x", second));
  STORY_TEST_WAIT_UNTIL (stored_read (fixture, first));
}

/* "After a Few Seconds": not read at once, read while it stays open. */
static void
test_mark_read_later (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = listed_id (fixture, 0, 2);

  g_settings_set_string (fixture->settings, "mark-read", "delay");
  story_window_show_article (fixture->window, id);
  wait_shown (fixture, id);
  g_assert_false (stored_read (fixture, id));
  STORY_TEST_WAIT_UNTIL (stored_read (fixture, id));
}

/* Regression: with single-click activation GTK selects the row under the
 * pointer, so moving the mouse across the headlines opened them and
 * marked them read. Neither list activates on a single click; a click
 * still selects, and selecting opens. */
static void
test_hover_does_not_open (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *list = story_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, TRUE);

  g_assert_false (gtk_list_view_get_single_click_activate (GTK_LIST_VIEW (list)));
  story_window_search (fixture->window, "rain");
  STORY_TEST_WAIT_UNTIL (g_strcmp0 (story_window_get_visible_page (fixture->window), "search") == 0);
  list = story_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, TRUE);
  g_assert_false (gtk_list_view_get_single_click_activate (GTK_LIST_VIEW (list)));
}

static GtkAdjustment *
list_adjustment (Fixture *fixture)
{
  GtkWidget *list = story_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, TRUE);

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
}

static void
test_scroll_per_filter (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkAdjustment *adjustment = list_adjustment (fixture);

  STORY_TEST_WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) -
                         gtk_adjustment_get_page_size (adjustment) > 300);
  gtk_adjustment_set_value (adjustment, 300);

  /* Unread has its own place, the top; back in All, the list is where it was. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "unread");
  STORY_TEST_WAIT_UNTIL (gtk_adjustment_get_value (list_adjustment (fixture)) == 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "all");
  STORY_TEST_WAIT_UNTIL (gtk_adjustment_get_value (list_adjustment (fixture)) == 300);
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

  ADD ("/ux/window-state/last-article", test_last_article_restored);
  ADD ("/ux/preferences/at-once", test_preference_at_once);
  ADD ("/ux/preferences/article-width", test_article_width_at_once);
  ADD ("/ux/preferences/acceleration-switch", test_acceleration_switch);
  ADD ("/ux/adaptive/fold-and-back", test_narrow_folds);
  ADD ("/ux/sidebar/mark-above-below", test_mark_below);
  ADD ("/ux/sidebar/scroll-per-filter", test_scroll_per_filter);
  ADD ("/ux/sidebar/hover-does-not-open", test_hover_does_not_open);
  ADD ("/ux/preferences/mark-read-later", test_mark_read_later);

  status = g_test_run ();
  story_test_ui_cleanup ();

  return status;
}
