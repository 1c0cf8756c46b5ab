/* test-themes-ui.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Themes in the real window: the sidebar's theme rows, and what the reader
 * does with a theme (rename, merge, move out, mute, follow), checked in the
 * window and in the store, and why an article is in its theme. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "story-date.h"
#include "story-sidebar-row.h"
#include "story-test-ui.h"
#include "story-window.h"


/* The bundled sample's stories, as tests/test-themes.c names them. */
static const char * const sample_labels[] = {
  "Amberlow Basin heatwave",
  "Brennholm night trains",
  "Marren ceasefire talks",
  "Orla Trench expedition",
  "Solvary tariff dispute",
};

typedef StoryTestSample Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  story_test_sample_set_up (fixture, "themes-ui.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  story_test_sample_tear_down (fixture);
}

/* Returns: (transfer none) (nullable): the theme the sidebar lists with @theme_id */
static StoryTheme *
listed_theme (Fixture *fixture,
              gint64   theme_id)
{
  GListModel *themes = story_window_get_themes (fixture->window);

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);

      if (story_theme_get_id (theme) == theme_id)
        return theme;
    }

  return NULL;
}

static StoryTheme *
listed_theme_at (Fixture *fixture,
                 guint    position)
{
  g_autoptr(StoryTheme) theme = g_list_model_get_item (story_window_get_themes (fixture->window),
                                                       position);

  g_assert_nonnull (theme);
  return theme;
}

static gboolean
theme_lists_article (StoryTheme *theme,
                     gint64      article_id)
{
  GListModel *articles;

  if (theme == NULL)
    return FALSE;

  articles = story_theme_get_articles (theme);
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(StoryArticle) article = g_list_model_get_item (articles, i);

      if (story_article_get_id (article) == article_id)
        return TRUE;
    }

  return FALSE;
}

static guint
n_listed_themes (Fixture *fixture)
{
  return g_list_model_get_n_items (story_window_get_themes (fixture->window));
}

/* Returns: (transfer none) (nullable): the theme dialog on screen */
static AdwMessageDialog *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* Returns: the label the store has for @theme_id, also for a muted theme */
static char *
stored_label (Fixture *fixture,
              gint64   theme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) themes = story_store_list_themes (fixture->store, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < themes->len; i++)
    if (story_theme_get_id (g_ptr_array_index (themes, i)) == theme_id)
      return g_strdup (story_theme_get_label (g_ptr_array_index (themes, i)));

  return NULL;
}

static gboolean
stored_followed (Fixture *fixture,
                 gint64   theme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) themes = story_store_list_themes (fixture->store, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < themes->len; i++)
    if (story_theme_get_id (g_ptr_array_index (themes, i)) == theme_id)
      return story_theme_get_followed (g_ptr_array_index (themes, i));

  return FALSE;
}

static void
collect_theme_rows (GtkWidget  *widget,
                    GPtrArray  *rows)
{
  if (STORY_IS_SIDEBAR_ROW (widget) &&
      STORY_IS_THEME (story_sidebar_row_get_item (STORY_SIDEBAR_ROW (widget))))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_theme_rows (child, rows);
}

static GtkWidget *
find_icon (GtkWidget  *root,
           const char *icon_name)
{
  if (GTK_IS_IMAGE (root) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_icon (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The five stories of the sample, named, each with its latest time on its
 * row, the most recently active first. */
static void
test_sidebar_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 previous = G_MAXINT64;

  g_assert_cmpuint (n_listed_themes (fixture), ==, G_N_ELEMENTS (sample_labels));
  for (guint i = 0; i < n_listed_themes (fixture); i++)
    {
      StoryTheme *theme = listed_theme_at (fixture, i);

      g_assert_cmpint (story_theme_get_id (theme), !=, STORY_THEME_ID_NONE);
      g_assert_cmpint (story_theme_get_latest (theme), >, 0);
      g_assert_cmpint (story_theme_get_latest (theme), <=, previous);
      previous = story_theme_get_latest (theme);
      g_ptr_array_add (labels, (gpointer)story_theme_get_label (theme));
    }
  for (guint i = 0; i < G_N_ELEMENTS (sample_labels); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (labels, sample_labels[i], g_str_equal, NULL));

  /* The rows on screen show the time of the theme's latest article. */
  STORY_TEST_WAIT_UNTIL ((collect_theme_rows (GTK_WIDGET (fixture->window), rows), rows->len > 0));
  for (guint i = 0; i < rows->len; i++)
    {
      StorySidebarRow *row = g_ptr_array_index (rows, i);
      StoryTheme *theme = STORY_THEME (story_sidebar_row_get_item (row));
      g_autofree char *expected = story_date_format_relative (story_theme_get_latest (theme), now);

      g_assert_cmpstr (expected, !=, "");
      g_assert_cmpstr (story_sidebar_row_get_theme_time (row), ==, expected);
    }

  /* A followed theme shows a small icon, named for screen readers. */
  {
    StorySidebarRow *row = g_ptr_array_index (rows, 0);
    StoryTheme *theme = STORY_THEME (story_sidebar_row_get_item (row));
    gboolean followed = story_theme_get_followed (theme);
    GtkWidget *icon = find_icon (GTK_WIDGET (row), "starred-symbolic");

    g_assert_nonnull (icon);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, "You follow this theme");
    story_theme_set_followed (theme, TRUE);
    g_assert_true (gtk_widget_get_visible (icon));
    story_theme_set_followed (theme, FALSE);
    g_assert_false (gtk_widget_get_visible (icon));
    story_theme_set_followed (theme, followed);
  }
}

/* The rows the list view shows (it hides the ones it keeps off screen). */
static void
collect_shown_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (STORY_IS_SIDEBAR_ROW (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_rows (child, rows);
}

static GtkWidget *sorting_list;

static int
compare_row_y (gconstpointer a,
               gconstpointer b)
{
  graphene_point_t pa, pb;

  g_assert_true (gtk_widget_compute_point (*(GtkWidget **)a, sorting_list,
                                           &GRAPHENE_POINT_INIT (0, 0), &pa));
  g_assert_true (gtk_widget_compute_point (*(GtkWidget **)b, sorting_list,
                                           &GRAPHENE_POINT_INIT (0, 0), &pb));
  return pa.y < pb.y ? -1 : pa.y > pb.y;
}

/* Whether the rows on screen, top to bottom, show a run of the tree's items in its order. */
static gboolean
rows_show_tree (GtkWidget  *list,
                GListModel *tree)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (tree);
  guint start = 0;

  collect_shown_rows (list, rows);
  if (rows->len < 2)
    return FALSE;
  sorting_list = list;
  g_ptr_array_sort (rows, compare_row_y);

  for (; start < n; start++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, start);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (story_sidebar_row_get_item (g_ptr_array_index (rows, 0)) == item)
        break;
    }
  if (start + rows->len > n)
    return FALSE;

  for (guint i = 1; i < rows->len; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, start + i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (story_sidebar_row_get_item (g_ptr_array_index (rows, i)) != item)
        return FALSE;
    }

  return TRUE;
}

/* A theme whose newest headline was read moves below the others under Unread; the
 * themes it passes stay where they were in the model, so the tree keeps their rows (and
 * the list view the widgets it built for them), and every row still shows the right
 * item. */
static void
test_reload_keeps_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *list = story_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW,
                                            TRUE);
  GListModel *tree = G_LIST_MODEL (gtk_single_selection_get_model (
    GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)))));
  g_autoptr(StoryTheme) first = g_object_ref (listed_theme_at (fixture, 0));
  g_autoptr(StoryTheme) second = g_object_ref (listed_theme_at (fixture, 1));
  g_autoptr(StoryArticle) newest = g_list_model_get_item (story_theme_get_articles (first), 0);
  g_autoptr(GPtrArray) kept_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_themes = n_listed_themes (fixture);
  guint n_loads = story_window_get_n_loads (fixture->window);
  guint second_at = 0;

  STORY_TEST_WAIT_UNTIL (rows_show_tree (list, tree));

  /* The second theme's row and its headlines' rows, as the tree has them. */
  for (guint i = 0; i < g_list_model_get_n_items (tree); i++)
    {
      GtkTreeListRow *row = g_list_model_get_item (tree, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      g_autoptr(GObject) parent_item = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;

      if (item == G_OBJECT (second) || parent_item == G_OBJECT (second))
        g_ptr_array_add (kept_rows, row);
      else
        g_object_unref (row);
    }
  g_assert_cmpuint (kept_rows->len, >, 1);

  g_assert_true (story_store_set_read (fixture->store, story_article_get_id (newest), TRUE,
                                       &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "unread");
  STORY_TEST_WAIT_UNTIL (story_window_get_n_loads (fixture->window) > n_loads);

  /* The first theme went below the others; the second is first now. */
  g_assert_cmpuint (n_listed_themes (fixture), ==, n_themes);
  g_assert_true (listed_theme_at (fixture, 0) == second);
  g_assert_true (listed_theme_at (fixture, n_themes - 1) == first);
  g_assert_false (theme_lists_article (first, story_article_get_id (newest)));

  /* Its rows are the very ones from before, at the top now. */
  for (guint i = 0; i < kept_rows->len; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, second_at + i);

      g_assert_true (row == g_ptr_array_index (kept_rows, i));
    }

  STORY_TEST_WAIT_UNTIL (rows_show_tree (list, tree));

  /* Back to All: the first theme is first again, and the rows still match. */
  n_loads = story_window_get_n_loads (fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.filter", "s", "all");
  STORY_TEST_WAIT_UNTIL (story_window_get_n_loads (fixture->window) > n_loads);
  g_assert_true (listed_theme_at (fixture, 0) == first);
  g_assert_true (theme_lists_article (first, story_article_get_id (newest)));
  STORY_TEST_WAIT_UNTIL (rows_show_tree (list, tree));
}

/* Returns: (transfer none) (nullable): the mapped row showing @item */
static StorySidebarRow *
find_shown_row (GtkWidget *list,
                gpointer   item)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_shown_rows (list, rows);
  for (guint i = 0; i < rows->len; i++)
    if (story_sidebar_row_get_item (g_ptr_array_index (rows, i)) == item)
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* Whether @row shows its headline as unread: its title is set as a heading. */
static gboolean
row_shows_unread (StorySidebarRow *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "heading"))
      return TRUE;

  return FALSE;
}

/* Rows do not watch their headlines: what the window marks read or unread, and what a
 * reload finds read, still shows on the rows at once. */
static void
test_rows_show_read (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *list = story_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW,
                                            TRUE);
  g_autoptr(StoryTheme) first = g_object_ref (listed_theme_at (fixture, 0));
  g_autoptr(StoryArticle) newest = g_list_model_get_item (story_theme_get_articles (first), 0);
  g_autoptr(StoryArticle) next = g_list_model_get_item (story_theme_get_articles (first), 1);
  g_autoptr(GError) error = NULL;
  StorySidebarRow *row, *row_for_next;
  guint n_loads;

  STORY_TEST_WAIT_UNTIL (find_shown_row (list, newest) != NULL &&
                         find_shown_row (list, next) != NULL);
  row = find_shown_row (list, newest);
  row_for_next = find_shown_row (list, next);
  g_assert_true (row_shows_unread (row_for_next));
  g_assert_false (story_article_get_read (newest));
  g_assert_true (row_shows_unread (row));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.article-toggle-read", "x",
                              story_article_get_id (newest));
  g_assert_true (story_article_get_read (newest));
  g_assert_false (row_shows_unread (row));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.article-toggle-read", "x",
                              story_article_get_id (newest));
  g_assert_false (story_article_get_read (newest));
  g_assert_true (row_shows_unread (row));

  /* Read elsewhere (another window, a sync): the reload that follows shows it. */
  g_assert_true (story_store_set_read (fixture->store, story_article_get_id (next), TRUE, &error));
  g_assert_no_error (error);
  n_loads = story_window_get_n_loads (fixture->window);
  story_window_reload (fixture->window);
  STORY_TEST_WAIT_UNTIL (story_window_get_n_loads (fixture->window) > n_loads);
  /* The same headline, updated in place, on the same row. */
  g_assert_true (find_shown_row (list, next) == row_for_next);
  g_assert_true (story_article_get_read (next));
  g_assert_false (row_shows_unread (row_for_next));
}

/* Renamed in its dialog: the sidebar and the store have the new name, and
 * building the stories again keeps it. */
static void
test_rename_survives_reclustering (Fixture       *fixture,
                                   gconstpointer  data)
{
  StoryTheme *theme = listed_theme_at (fixture, 0);
  gint64 theme_id = story_theme_get_id (theme);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;
  guint n_loads;
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-theme",
                                             "x", theme_id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, story_theme_get_label (theme));

  /* An empty name cannot be chosen. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Night trains <for good>");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  adw_message_dialog_response (dialog, "rename");
  gtk_window_destroy (GTK_WINDOW (dialog));

  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) != NULL &&
                         g_strcmp0 (story_theme_get_label (listed_theme (fixture, theme_id)),
                                    "Night trains <for good>") == 0);

  g_assert_true (story_store_recluster (fixture->store, &error));
  g_assert_no_error (error);
  n_loads = story_window_get_n_loads (fixture->window);
  story_window_reload (fixture->window);
  STORY_TEST_WAIT_UNTIL (story_window_get_n_loads (fixture->window) > n_loads);
  g_assert_nonnull (listed_theme (fixture, theme_id));
  g_assert_cmpstr (story_theme_get_label (listed_theme (fixture, theme_id)), ==,
                   "Night trains <for good>");
  label = stored_label (fixture, theme_id);
  g_assert_cmpstr (label, ==, "Night trains <for good>");
}

/* Merged in its dialog: one theme is left, with the articles of both. */
static void
test_merge_into (Fixture       *fixture,
                 gconstpointer  data)
{
  StoryTheme *from = listed_theme_at (fixture, 0);
  StoryTheme *into = listed_theme_at (fixture, 1);
  gint64 from_id = story_theme_get_id (from);
  gint64 into_id = story_theme_get_id (into);
  int total = story_theme_get_article_count (from) + story_theme_get_article_count (into);
  g_autofree char *into_label = g_strdup (story_theme_get_label (into));
  AdwMessageDialog *dialog;
  GtkListBox *list;
  GtkListBoxRow *target = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.merge-theme",
                                             "x", from_id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));

  /* The other themes are offered, not the one being merged. */
  list = g_object_get_data (G_OBJECT (dialog), "theme-list");
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      g_assert_cmpstr (title, !=, story_theme_get_label (from));
      if (g_str_equal (title, into_label))
        target = row;
    }
  g_assert_nonnull (target);
  gtk_widget_activate (GTK_WIDGET (target));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  adw_message_dialog_response (dialog, "merge");
  gtk_window_destroy (GTK_WINDOW (dialog));

  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, from_id) == NULL);
  g_assert_cmpuint (n_listed_themes (fixture), ==, G_N_ELEMENTS (sample_labels) - 1);
  g_assert_cmpint (story_theme_get_article_count (listed_theme (fixture, into_id)), ==, total);
  g_assert_cmpstr (story_theme_get_label (listed_theme (fixture, into_id)), ==, into_label);
}

/* Moved out from the headline's menu action: the theme no longer lists it,
 * and it is not lost. */
static void
test_move_out (Fixture       *fixture,
               gconstpointer  data)
{
  StoryTheme *theme = listed_theme_at (fixture, 0);
  gint64 theme_id = story_theme_get_id (theme);
  g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (theme), 0);
  gint64 article_id = story_article_get_id (article);

  g_assert_true (theme_lists_article (theme, article_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.move-out-of-theme",
                                             "x", article_id));
  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) != NULL &&
                         !theme_lists_article (listed_theme (fixture, theme_id), article_id));
  g_assert_true (theme_lists_article (listed_theme (fixture, STORY_THEME_ID_NONE), article_id));
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Muted: the theme and its count leave the sidebar; the toast's Undo, or
 * Muted Themes…, brings them back. */
static void
test_mute_hides (Fixture       *fixture,
                 gconstpointer  data)
{
  StoryTheme *theme = listed_theme_at (fixture, 1);
  gint64 theme_id = story_theme_get_id (theme);
  g_autofree char *label = g_strdup (story_theme_get_label (theme));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) muted = NULL;
  AdwMessageDialog *dialog;
  GtkListBox *list;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mute-theme",
                                             "(xx)", theme_id, (gint64)7));
  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) == NULL);
  g_assert_cmpuint (n_listed_themes (fixture), ==, G_N_ELEMENTS (sample_labels) - 1);

  muted = story_store_list_muted_themes (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (muted->len, ==, 1);
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (muted, 0)), ==, theme_id);
  g_assert_cmpint (story_theme_get_muted_until (g_ptr_array_index (muted, 0)), >,
                   g_get_real_time () / G_USEC_PER_SEC + 6 * 24 * 3600);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.unmute-theme",
                                             "x", theme_id));
  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) != NULL);

  /* For good, too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.mute-theme",
                                             "(xx)", theme_id, (gint64)0));
  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) == NULL);
  g_clear_pointer (&muted, g_ptr_array_unref);
  muted = story_store_list_muted_themes (fixture->store, &error);
  g_assert_cmpint (story_theme_get_muted_until (g_ptr_array_index (muted, 0)), ==,
                   STORY_THEME_MUTED_FOREVER);

  /* Muted Themes… lists it; its Unmute button brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-muted-themes", NULL));
  STORY_TEST_WAIT_UNTIL (find_dialog () != NULL);
  dialog = find_dialog ();
  list = g_object_get_data (G_OBJECT (dialog), "theme-list");
  g_assert_nonnull (list);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     gtk_list_box_get_row_at_index (list, 0))), ==, label);
  button = find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) != NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Follow toggles, and the store keeps it. */
static void
test_follow_stored (Fixture       *fixture,
                    gconstpointer  data)
{
  StoryTheme *theme = listed_theme_at (fixture, 2);
  gint64 theme_id = story_theme_get_id (theme);

  g_assert_false (story_theme_get_followed (theme));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.follow-theme",
                                             "x", theme_id));
  STORY_TEST_WAIT_UNTIL (stored_followed (fixture, theme_id));
  STORY_TEST_WAIT_UNTIL (listed_theme (fixture, theme_id) != NULL &&
                         story_theme_get_followed (listed_theme (fixture, theme_id)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.follow-theme",
                                             "x", theme_id));
  STORY_TEST_WAIT_UNTIL (!stored_followed (fixture, theme_id));
}

static char *
read_why (StoryReaderView *reader)
{
  for (guint i = 0; i < 100; i++)
    {
      WebKitWebView *web_view = story_reader_view_get_web_view (reader);

      if (story_test_web_view_idle (web_view))
        {
          g_autofree char *text = NULL;

          text = story_test_run_js (web_view,
                                    "document.querySelector ('.why') ? "
                                    "document.querySelector ('.why').textContent : ''");
          if (text != NULL && text[0] != '\0')
            return g_steal_pointer (&text);
        }
      story_test_settle (100);
    }

  return NULL;
}

/* The reading pane says which words put the article in its theme. */
static void
test_reader_shows_why (Fixture       *fixture,
                       gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  StoryTheme *theme = listed_theme_at (fixture, 0);
  g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (theme), 0);
  gint64 article_id = story_article_get_id (article);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) terms = NULL;
  g_autofree char *why = NULL;

  terms = story_store_dup_shared_terms (fixture->store, article_id, 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (terms);
  g_assert_nonnull (terms[0]);

  g_assert_true (story_window_select_article (fixture->window, article_id));
  STORY_TEST_WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
                         story_article_get_id (story_reader_view_get_article (reader)) ==
                         article_id);

  why = read_why (reader);
  g_assert_nonnull (why);
  g_assert_true (g_str_has_prefix (why, "In this theme for: "));
  for (guint i = 0; terms[i] != NULL; i++)
    g_assert_nonnull (strstr (why, terms[i]));
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

  ADD ("/themes-ui/sidebar/labels-and-latest-times", test_sidebar_rows);
  ADD ("/themes-ui/sidebar/reload-keeps-rows", test_reload_keeps_rows);
  ADD ("/themes-ui/sidebar/rows-show-read", test_rows_show_read);
  ADD ("/themes-ui/rename/survives-reclustering", test_rename_survives_reclustering);
  ADD ("/themes-ui/merge/into-another", test_merge_into);
  ADD ("/themes-ui/move-out/leaves-the-theme", test_move_out);
  ADD ("/themes-ui/mute/hides-the-theme", test_mute_hides);
  ADD ("/themes-ui/follow/stored", test_follow_stored);
  ADD ("/themes-ui/reader/why-terms", test_reader_shows_why);

  status = g_test_run ();
  story_test_ui_cleanup ();

  return status;
}
