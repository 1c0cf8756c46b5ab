/* test-accessibility.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every control a person can reach has a name a screen reader can say:
 * the main window, the preferences and the sources window are walked
 * widget by widget.
 *
 * GTK 4.8 has no public getter for the computed accessible name, so
 * has_accessible_name() applies the rules Storyline follows when it names
 * a control, in this order:
 *   1. an accessible label or labelled-by relation set on the widget
 *      (<accessibility> in a .ui file or gtk_accessible_update_property(),
 *      read back through GTK's test accessibility API);
 *   2. a tooltip, which GTK uses as the description of an icon button;
 *   3. a visible label of its own: a button's label or a GtkLabel inside
 *      it, a preferences row's title (AdwComboRow).
 * Only what a person can reach now is walked: hidden widgets and stack
 * pages not shown are skipped (the tests show the pages that matter), and
 * a combo row counts as one control. */

#include "config.h"

#include <glib/gstdio.h>

#include "story-image-cache.h"
#include "story-preferences-window.h"
#include "story-sources-window.h"
#include "story-test-ui.h"
#include "story-window.h"

#define SAMPLE_URI "resource:///io/github/storyline/Storyline/sample/feed.json"

static gboolean
has_label_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_text (GTK_LABEL (child))[0] != '\0')
        return TRUE;
      if (has_label_child (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (tooltip != NULL && tooltip[0] != '\0')
    return TRUE;

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      return title != NULL && title[0] != '\0';
    }

  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    return has_label_child (widget);

  return FALSE;
}

static gboolean
is_interactive (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget) || GTK_IS_LIST_VIEW (widget) ||
         GTK_IS_FONT_BUTTON (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  /* What is hidden, or on a stack page not shown, cannot be reached now. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (is_interactive (widget) && !has_accessible_name (widget))
    {
      const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget))
                                                : NULL;
      g_string_append_printf (unnamed, "\n  %s%s%s in", G_OBJECT_TYPE_NAME (widget),
                              icon != NULL ? " " : "", icon != NULL ? icon : "");
      for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
        g_string_append_printf (unnamed, " %s", G_OBJECT_TYPE_NAME (up));
    }

  /* A combo row is one control: the list inside it shows its choice. */
  if (ADW_IS_COMBO_ROW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
assert_all_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed (root, unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name in %s:%s", G_OBJECT_TYPE_NAME (root),
             unnamed->str);
}

typedef struct
{
  StoryStore       *store;
  StorySyncManager *manager;
  GSettings        *settings;
  char             *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  gint64 id;

  fixture->db = g_build_filename (story_test_ui_get_home (), "accessibility.db", NULL);
  fixture->store = story_store_new (fixture->db, &error);
  g_assert_no_error (error);
  source = story_store_add_source (fixture->store, "json-feed", SAMPLE_URI, NULL, &error);
  id = story_source_get_id (source);
  fixture->manager = story_sync_manager_new (fixture->store);
  reports = story_sync_manager_sync (fixture->manager, &id, 1, NULL);
  g_assert_no_error (((StorySyncReport *)g_ptr_array_index (reports, 0))->error);
  fixture->settings = g_settings_new (APP_ID);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->db, "-shm", NULL);

  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  g_settings_reset (fixture->settings, "last-article");
  g_clear_object (&fixture->settings);
  g_remove (fixture->db);
  g_remove (wal);
  g_remove (shm);
  g_free (fixture->db);
}

static void
test_main_window (Fixture       *fixture,
                  gconstpointer  data)
{
  StoryWindow *window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  GListModel *themes = story_window_get_themes (window);
  StoryReaderView *reader = story_window_get_reader (window);

  gtk_window_present (GTK_WINDOW (window));
  STORY_TEST_WAIT_UNTIL (g_list_model_get_n_items (themes) > 0);
  assert_all_named (GTK_WIDGET (window));

  /* With search results, and then with an article open. */
  story_window_search (window, "rain");
  STORY_TEST_WAIT_UNTIL (g_strcmp0 (story_window_get_visible_page (window), "search") == 0);
  assert_all_named (GTK_WIDGET (window));
  story_window_search (window, "");
  {
    g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, 0);
    g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (theme), 0);

    story_window_show_article (window, story_article_get_id (article));
    STORY_TEST_WAIT_UNTIL (story_reader_view_get_article (reader) != NULL);
  }
  assert_all_named (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StoryImageCache) cache = story_image_cache_new (story_test_ui_get_home ());
  GtkWidget *preferences = story_preferences_window_new (fixture->settings, fixture->store, cache);

  gtk_window_present (GTK_WINDOW (preferences));
  story_test_settle (100);
  assert_all_named (preferences);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_sources (Fixture       *fixture,
              gconstpointer  data)
{
  StorySourcesWindow *sources = story_sources_window_new (fixture->store, fixture->manager);

  gtk_window_present (GTK_WINDOW (sources));
  story_test_settle (500);
  assert_all_named (GTK_WIDGET (sources));
  gtk_window_destroy (GTK_WINDOW (sources));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility backend keeps the properties the code sets,
   * without an accessibility bus (the other UI tests turn it off). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!story_test_ui_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accessibility/names/main-window", test_main_window);
  ADD ("/accessibility/names/preferences", test_preferences);
  ADD ("/accessibility/names/sources", test_sources);

  status = g_test_run ();
  story_test_ui_cleanup ();

  return status;
}
