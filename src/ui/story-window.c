/* story-window.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window: themed headlines in a sidebar, the article beside them.
 * An AdwLeaflet folds the two panes into one on narrow windows. */

#define G_LOG_DOMAIN "story-window"

#include "config.h"

#include <glib/gi18n.h>

#include "story-sidebar-row.h"
#include "story-window.h"

struct _StoryWindow
{
  AdwApplicationWindow  parent_instance;

  StoryStore           *store;
  StorySyncManager     *sync_manager;
  GSettings            *settings;
  GListStore           *themes;
  GtkTreeListModel     *tree;
  GtkSingleSelection   *selection;
  GCancellable         *load_cancellable;
  GCancellable         *article_cancellable;
  gint64                shown_article_id;
  GHashTable           *remote_sources;  /* ids of sources that allow remote content */
  GSimpleAction        *load_remote_action;

  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkStack             *sidebar_stack;
  GtkStack             *content_stack;
  GtkStack             *refresh_stack;
  GtkSpinner           *sync_spinner;
  GtkListView          *list_view;
  AdwWindowTitle       *content_title;
  AdwWindowTitle       *sidebar_title;
  StoryReaderView      *reader;
};

G_DEFINE_FINAL_TYPE (StoryWindow, story_window, ADW_TYPE_APPLICATION_WINDOW)

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  if (!STORY_IS_THEME (item))
    return NULL;

  return g_object_ref (story_theme_get_articles (STORY_THEME (item)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              StoryWindow              *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), story_sidebar_row_new ());
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             StoryWindow              *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GObject *item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  story_sidebar_row_set_item (STORY_SIDEBAR_ROW (gtk_tree_expander_get_child (expander)), item);

  /* Themes are headings: activating one folds it, only headlines are selected. */
  gtk_list_item_set_selectable (list_item, STORY_IS_ARTICLE (item));
  g_clear_object (&item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               StoryWindow              *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));

  gtk_tree_expander_set_list_row (expander, NULL);
  story_sidebar_row_set_item (STORY_SIDEBAR_ROW (gtk_tree_expander_get_child (expander)), NULL);
}

static void
update_theme_unread (StoryWindow  *self,
                     StoryArticle *article,
                     int           delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->themes));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);

      if (story_theme_get_id (theme) == story_article_get_theme_id (article))
        {
          story_theme_set_unread_count (theme, MAX (0, story_theme_get_unread_count (theme) + delta));
          return;
        }
    }
}

static void
mark_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!story_store_set_read_finish (STORY_STORE (object), result, &error))
    g_warning ("Could not mark an article read: %s", error->message);
}

static gboolean
source_allows_remote (StoryWindow *self,
                      gint64       source_id)
{
  return g_hash_table_contains (self->remote_sources, &source_id);
}

static void
update_article_actions (StoryWindow *self)
{
  StoryArticle *article = story_reader_view_get_article (self->reader);
  gboolean has_link = article != NULL && story_article_get_url (article) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser", has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-link", has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share-email", has_link);
  g_simple_action_set_enabled (self->load_remote_action, article != NULL);
  g_simple_action_set_state (self->load_remote_action,
                             g_variant_new_boolean (article != NULL &&
                                                    story_reader_view_get_load_remote (self->reader)));
}

static void
article_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StoryWindow *self = user_data;
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GError) error = NULL;

  article = story_store_get_article_finish (STORY_STORE (object), result, &related, &error);
  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load an article: %s", error->message);
      return;
    }

  self->shown_article_id = story_article_get_id (article);
  adw_window_title_set_title (self->content_title, story_article_get_title (article) ?: "");
  adw_window_title_set_subtitle (self->content_title, story_article_get_source_title (article));
  story_reader_view_show_article (self->reader, article, related,
                                  source_allows_remote (self,
                                                        story_article_get_source_id (article)));
  gtk_stack_set_visible_child_name (self->content_stack, "article");
  update_article_actions (self);
}

static void
open_article (StoryWindow  *self,
              gint64        article_id,
              StoryArticle *list_article)
{
  g_cancellable_cancel (self->article_cancellable);
  g_clear_object (&self->article_cancellable);
  self->article_cancellable = g_cancellable_new ();

  story_store_get_article_async (self->store, article_id, self->article_cancellable,
                                 article_loaded_cb, self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);

  if (list_article != NULL && !story_article_get_read (list_article) &&
      g_settings_get_boolean (self->settings, "mark-read-on-open"))
    {
      story_article_set_read (list_article, TRUE);
      update_theme_unread (self, list_article, -1);
      story_store_set_read_async (self->store, article_id, TRUE, NULL, mark_read_cb, NULL);
    }
}

static void
selection_changed_cb (StoryWindow *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (STORY_IS_ARTICLE (item) && story_article_get_id (STORY_ARTICLE (item)) != self->shown_article_id)
    open_article (self, story_article_get_id (STORY_ARTICLE (item)), STORY_ARTICLE (item));
}

static void
list_activate_cb (GtkListView *list_view,
                  guint        position,
                  StoryWindow *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (STORY_IS_THEME (item))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (STORY_IS_ARTICLE (item))
    {
      /* Activating the headline already shown brings its pane forward when folded. */
      open_article (self, story_article_get_id (STORY_ARTICLE (item)), STORY_ARTICLE (item));
    }
}

/**
 * story_window_select_article:
 *
 * Selects the headline of @article_id in the sidebar, which opens it.
 *
 * Returns: whether the headline was found
 */
gboolean
story_window_select_article (StoryWindow *self,
                             gint64       article_id)
{
  guint n;

  g_return_val_if_fail (STORY_IS_WINDOW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (STORY_IS_ARTICLE (item) && story_article_get_id (STORY_ARTICLE (item)) == article_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
reader_open_article_cb (StoryReaderView *reader,
                        gint64           article_id,
                        StoryWindow     *self)
{
  /* A "More on this theme" link: select its headline, or open it directly. */
  if (!story_window_select_article (self, article_id))
    open_article (self, article_id, NULL);
}

static void
themes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StoryWindow *self = user_data;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 selected_id = self->shown_article_id;

  themes = story_store_list_themes_finish (STORY_STORE (object), result, &error);
  if (themes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load themes: %s", error->message);
      return;
    }

  g_list_store_splice (self->themes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->themes)),
                       themes->pdata, themes->len);
  gtk_stack_set_visible_child_name (self->sidebar_stack, themes->len > 0 ? "list" : "empty");

  /* Keep the reader's place: the article being read stays selected. */
  if (selected_id != 0)
    story_window_select_article (self, selected_id);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StoryWindow *self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  StoryArticle *shown;

  sources = story_store_list_sources_finish (STORY_STORE (object), result, &error);
  if (sources == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load sources: %s", error->message);
      return;
    }

  g_hash_table_remove_all (self->remote_sources);
  for (guint i = 0; i < sources->len; i++)
    {
      StorySource *source = g_ptr_array_index (sources, i);

      gint64 source_id = story_source_get_id (source);

      if (story_source_get_load_remote (source))
        g_hash_table_add (self->remote_sources, g_memdup2 (&source_id, sizeof source_id));
    }

  shown = story_reader_view_get_article (self->reader);
  if (shown != NULL)
    {
      gint64 source_id = story_article_get_source_id (shown);

      story_reader_view_set_load_remote (self->reader, source_allows_remote (self, source_id));
      update_article_actions (self);
    }
}

/* Reloads the sidebar from the store, off the main thread. */
void
story_window_reload (StoryWindow *self)
{
  g_return_if_fail (STORY_IS_WINDOW (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  story_store_list_sources_async (self->store, self->load_cancellable, sources_loaded_cb, self);
  story_store_list_themes_async (self->store, self->load_cancellable, themes_loaded_cb, self);
}

static void
sources_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *subtitle = NULL;
  guint n_failing = 0;

  sources = story_store_list_sources_finish (STORY_STORE (object), result, NULL);
  if (sources == NULL || self->sidebar_title == NULL)
    return;

  for (guint i = 0; i < sources->len; i++)
    if (story_source_get_last_error (g_ptr_array_index (sources, i)) != NULL)
      n_failing++;

  /* A hint under the title; the Sources window says what is wrong. */
  if (n_failing > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source has a problem",
                                             "%u sources have a problem", n_failing),
                                n_failing);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

static void
syncing_changed_cb (StoryWindow *self)
{
  gboolean syncing = story_sync_manager_get_syncing (self->sync_manager);

  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_stack_set_visible_child (self->refresh_stack,
                               syncing ? GTK_WIDGET (self->sync_spinner)
                                       : gtk_stack_get_child_by_name (self->refresh_stack,
                                                                      "refresh"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !syncing);

  if (!syncing)
    {
      story_window_reload (self);
      story_store_list_sources_async (self->store, NULL, sources_checked_cb, g_object_ref (self));
    }
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  if (reports == NULL)
    g_warning ("Sync failed: %s", error->message);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);

  story_sync_manager_sync_async (self->sync_manager, NULL, 0, NULL, refresh_done_cb, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);
  StoryArticle *article = story_reader_view_get_article (self->reader);
  gboolean handled = FALSE;

  if (article == NULL || story_article_get_url (article) == NULL)
    return;

  g_signal_emit_by_name (self->reader, "open-external", story_article_get_url (article), &handled);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);
  StoryArticle *article = story_reader_view_get_article (self->reader);

  if (article == NULL || story_article_get_url (article) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), story_article_get_url (article));
  story_reader_view_add_toast (self->reader, adw_toast_new (_("Link copied")));
}

static void
share_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);
  StoryArticle *article = story_reader_view_get_article (self->reader);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uri = NULL;
  gboolean handled = FALSE;

  if (article == NULL || story_article_get_url (article) == NULL)
    return;

  subject = g_uri_escape_string (story_article_get_title (article) ?: "", NULL, FALSE);
  body = g_uri_escape_string (story_article_get_url (article), NULL, FALSE);
  uri = g_strdup_printf ("mailto:?subject=%s&body=%s", subject, body);
  g_signal_emit_by_name (self->reader, "open-external", uri, &handled);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);

  if (g_strcmp0 (action_name, "win.zoom-in") == 0)
    story_reader_view_zoom_in (self->reader);
  else if (g_strcmp0 (action_name, "win.zoom-out") == 0)
    story_reader_view_zoom_out (self->reader);
  else
    story_reader_view_set_zoom_level (self->reader, 1.0);
}

static void
load_remote_set_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!story_store_set_source_load_remote_finish (STORY_STORE (object), result, &error))
    g_warning ("Could not save the remote content setting: %s", error->message);
}

/* "Load Remote Content" for the shown article's source: remembered per source. */
static void
load_remote_change_state_cb (GSimpleAction *action,
                             GVariant      *state,
                             StoryWindow   *self)
{
  StoryArticle *article = story_reader_view_get_article (self->reader);
  gboolean allow = g_variant_get_boolean (state);
  gint64 source_id;

  if (article == NULL)
    return;

  source_id = story_article_get_source_id (article);
  if (allow)
    g_hash_table_add (self->remote_sources, g_memdup2 (&source_id, sizeof source_id));
  else
    g_hash_table_remove (self->remote_sources, &source_id);

  g_simple_action_set_state (action, state);
  story_reader_view_set_load_remote (self->reader, allow);
  story_store_set_source_load_remote_async (self->store, source_id, allow, NULL,
                                            load_remote_set_cb, NULL);
}

static void
story_window_dispose (GObject *object)
{
  StoryWindow *self = (StoryWindow *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->article_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->article_cancellable);

  if (self->sync_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_manager, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STORY_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->themes);
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->load_remote_action);
  g_clear_pointer (&self->remote_sources, g_hash_table_unref);

  G_OBJECT_CLASS (story_window_parent_class)->dispose (object);
}

static void
story_window_class_init (StoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_window_dispose;

  g_type_ensure (STORY_TYPE_READER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/story-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, content);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, reader);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL,
                                   open_in_browser_action);

  gtk_widget_class_install_action (widget_class, "win.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "win.share-email", NULL, share_email_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
story_window_init (StoryWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->themes = g_list_store_new (STORY_TYPE_THEME);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->themes)), FALSE, TRUE,
                                        create_child_model, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  g_signal_connect (self->reader, "open-article", G_CALLBACK (reader_open_article_cb), self);

  self->remote_sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->load_remote_action = g_simple_action_new_stateful ("load-remote-content", NULL,
                                                           g_variant_new_boolean (FALSE));
  g_signal_connect (self->load_remote_action, "change-state",
                    G_CALLBACK (load_remote_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->load_remote_action));

  gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  update_article_actions (self);
}

/**
 * story_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer full): a window showing @store
 */
StoryWindow *
story_window_new (GtkApplication   *application,
                  StoryStore       *store,
                  StorySyncManager *sync_manager,
                  GSettings        *settings)
{
  StoryWindow *self;

  g_return_val_if_fail (STORY_IS_STORE (store), NULL);
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (sync_manager), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STORY_TYPE_WINDOW, "application", application, NULL);
  self->store = g_object_ref (store);
  self->sync_manager = g_object_ref (sync_manager);
  self->settings = g_object_ref (settings);
  story_reader_view_set_settings (self->reader, settings);

  /* The reading pane's theme and font are preferences kept in GSettings. */
  {
    g_autoptr(GAction) theme = g_settings_create_action (settings, "article-theme");
    g_autoptr(GAction) font = g_settings_create_action (settings, "article-font");

    g_action_map_add_action (G_ACTION_MAP (self), theme);
    g_action_map_add_action (G_ACTION_MAP (self), font);
  }

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (sync_manager, "notify::syncing", G_CALLBACK (syncing_changed_cb),
                            self);
  syncing_changed_cb (self);

  return self;
}

/**
 * story_window_get_themes:
 *
 * Returns: (transfer none): the themes the sidebar shows, as #StoryTheme
 */
GListModel *
story_window_get_themes (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->themes);
}

StoryReaderView *
story_window_get_reader (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);

  return self->reader;
}
