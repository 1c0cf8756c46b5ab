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

#include "story-bench-hook.h"
#include "story-sidebar-row.h"
#include "story-window-private.h"

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
  gint64                read_on_open;     /* the article marked read as it was opened */
  gint64                shown_article_id;
  GHashTable           *remote_sources;  /* ids of sources that allow remote content */
  GSimpleAction        *load_remote_action;
  StoryArticleFilter    filter;
  GListStore           *search_results;
  GtkSingleSelection   *search_selection;
  GCancellable         *search_cancellable;
  char                **search_terms;
  GArray               *last_marked_read;  /* for Undo of Mark All as Read */
  GNetworkMonitor      *network_monitor;

  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkWidget            *share_button;
  guint                 sidebar_width_id;
  GtkWidget            *browser_button;
  GtkStack             *sidebar_stack;
  GtkSpinner           *loading_spinner;
  GtkStack             *content_stack;
  GtkStack             *refresh_stack;
  GtkSpinner           *sync_spinner;
  GtkListView          *list_view;
  AdwWindowTitle       *content_title;
  AdwWindowTitle       *sidebar_title;
  StoryReaderView      *reader;
  AdwToastOverlay      *toast_overlay;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkListView          *search_view;
  GtkRevealer          *offline_banner;
  AdwStatusPage        *filtered_empty_page;
  GtkToggleButton      *star_button;
  GtkToggleButton      *read_button;

  /* Keyboard, window state and reading comfort. */
  guint                 mark_read_id;    /* "mark read after a few seconds" */
  gint64                mark_read_pending;
  GCancellable         *scroll_cancellable;
  gboolean              list_had_focus;
  gboolean              restoring;       /* reopening the last article leaves it as it was */
  double                filter_scroll[3]; /* the list's scroll position per filter */
  double                pending_scroll;   /* to restore once the filter's list is in; < 0: none */
  gulong                scroll_tick_id;   /* after-paint handler restoring it */
  guint                 n_loads;          /* theme lists put in the sidebar */

  /* Until the application has opened the store (story_window_set_store()). */
  guint                 preparing_id;     /* says so when it takes a while */

  guint                 unload_id;        /* lets go of headlines far from the view */
  gint64                pending_article;  /* to open once it is there; 0: none */
};

static void update_state_actions (StoryWindow *self);
static void themes_changed_cb (StoryWindow *self);
static void add_row_context_menu (StoryWindow *self,
                                  GtkWidget   *row,
                                  GtkListItem *list_item);

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
  add_row_context_menu (self, expander, list_item);
}

/* A theme lists its first page of articles; the next page is asked for when
 * a row this close to the end of what is loaded is shown. */
#define LOAD_AHEAD 20
#define PAGE_SIZE  200
#define PAGE_LOADING_KEY "story-window-page-loading"

static void
theme_page_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(StoryTheme) theme = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  /* A reload replaces the themes, and the window cancels its loads before
   * it goes: only the theme is touched here. */
  page = story_store_list_theme_page_finish (STORY_STORE (object), result, &error);
  g_object_set_data (G_OBJECT (theme), PAGE_LOADING_KEY, NULL);
  if (page != NULL)
    story_theme_append_articles (theme, page);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not load more articles: %s", error->message);
}

static void
load_more_if_near_end (StoryWindow    *self,
                       GtkTreeListRow *row)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  g_autoptr(GObject) item = NULL;
  g_autoptr(StoryArticle) last = NULL;
  GListModel *articles;
  guint n, index;

  if (parent == NULL)
    return;

  item = gtk_tree_list_row_get_item (parent);
  if (!STORY_IS_THEME (item) || g_object_get_data (item, PAGE_LOADING_KEY) != NULL)
    return;

  articles = story_theme_get_articles (STORY_THEME (item));
  n = g_list_model_get_n_items (articles);
  index = gtk_tree_list_row_get_position (row) - gtk_tree_list_row_get_position (parent) - 1;
  if (n == 0 || n >= (guint)story_theme_get_article_count (STORY_THEME (item)) ||
      index + LOAD_AHEAD < n)
    return;

  g_object_set_data (item, PAGE_LOADING_KEY, GINT_TO_POINTER (TRUE));
  last = g_list_model_get_item (articles, n - 1);
  story_store_list_theme_page_async (self->store, story_theme_get_id (STORY_THEME (item)),
                                     self->filter, last, PAGE_SIZE, self->load_cancellable,
                                     theme_page_loaded_cb, g_object_ref (item));
}

/* A reload gives each theme its first page again, under rows already shown: those are not
 * bound again, so the next page is asked for here when one of them is near the new end. */
static void
load_more_for_shown_rows (StoryWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *expander = gtk_widget_get_first_child (child);
      GtkTreeListRow *row;

      if (!GTK_IS_TREE_EXPANDER (expander) ||
          (row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))) == NULL)
        continue;

      if (gtk_tree_list_row_get_depth (row) > 0)
        load_more_if_near_end (self, row);
    }
}

/* Rows do not watch their headlines (see show_article() in story-sidebar-row.c): where
 * the window changes what is read, it has the rows of both lists show it. */
static void
update_rows_read_state (StoryWindow *self)
{
  GtkWidget *views[] = { GTK_WIDGET (self->list_view), GTK_WIDGET (self->search_view) };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (views[i]);
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        GtkWidget *row = gtk_widget_get_first_child (child);

        if (GTK_IS_TREE_EXPANDER (row))
          row = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row));
        if (STORY_IS_SIDEBAR_ROW (row))
          story_sidebar_row_update_read_state (STORY_SIDEBAR_ROW (row));
      }
}

/* Headlines loaded while scrolling are let go again once the list has moved this many
 * rows away from them, so the sidebar holds about as many however far one scrolls. */
#define UNLOAD_DISTANCE 1000

/* Returns: the first and last position of the rows in view (the list view also keeps
 * rows out of view: the focused one, the selected one, a few hundred around the view) */
static gboolean
get_shown_range (StoryWindow *self,
                 guint       *first,
                 guint       *last)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->list_view));

  *first = G_MAXUINT;
  *last = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *expander = gtk_widget_get_first_child (child);
      GtkTreeListRow *row;
      graphene_rect_t bounds;
      guint position;

      if (!GTK_IS_TREE_EXPANDER (expander) ||
          (row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander))) == NULL ||
          !gtk_widget_get_child_visible (child) ||
          !gtk_widget_compute_bounds (child, GTK_WIDGET (self->list_view), &bounds) ||
          bounds.origin.y + bounds.size.height < 0 || bounds.origin.y > height)
        continue;

      position = gtk_tree_list_row_get_position (row);
      *first = MIN (*first, position);
      *last = MAX (*last, position);
    }

  return *first <= *last;
}

/* Each theme far from the view, above or below, goes back to its first page (or up to
 * the selected headline); its other pages load again when the list comes back to it. */
static gboolean
unload_far_pages_cb (gpointer user_data)
{
  StoryWindow *self = user_data;
  guint n_themes = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint first, last, position = 0;

  self->unload_id = 0;
  if (!get_shown_range (self, &first, &last))
    return G_SOURCE_REMOVE;

  first = first > UNLOAD_DISTANCE ? first - UNLOAD_DISTANCE : 0;
  last = last + UNLOAD_DISTANCE;

  for (guint i = 0; i < n_themes; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      GListModel *articles = story_theme_get_articles (theme);
      guint n = g_list_model_get_n_items (articles);
      guint theme_position = position;
      guint kept = STORY_THEME_FIRST_PAGE;

      position += 1 + (gtk_tree_list_row_get_expanded (row) ? n : 0);
      if (n <= kept || g_object_get_data (G_OBJECT (theme), PAGE_LOADING_KEY) != NULL ||
          (position > first && theme_position < last))
        continue;

      if (selected != GTK_INVALID_LIST_POSITION && selected > theme_position &&
          selected < theme_position + 1 + n)
        kept = MAX (kept, selected - theme_position);

      /* Rows above the view go too: the list view keeps what it shows in place, and what
       * follows moves up. */
      if (n > kept)
        {
          guint removed = n - kept;

          position -= removed;
          if (position <= first)
            {
              first -= removed;
              last -= removed;
            }
          story_theme_truncate_articles (theme, kept);
        }
    }

  return G_SOURCE_REMOVE;
}

static void
list_scrolled_cb (StoryWindow *self)
{
  if (self->unload_id == 0)
    self->unload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, unload_far_pages_cb, self, NULL);
}

/* Rows are not unbound: GTK 4.8 unbinds a row and binds it again whenever its position
 * changes, that is every row after a headline or theme spliced in or out (about 200 of
 * them, each time). Clearing the row on unbind made each of them set its text again, and
 * be shaped and measured again in the next frame. A row keeps showing its item instead,
 * for the next bind to find unchanged (or to replace), and lets go of it when it is
 * destroyed. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             StoryWindow              *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  StorySidebarRow *sidebar_row = STORY_SIDEBAR_ROW (gtk_tree_expander_get_child (expander));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GObject *item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  if (story_sidebar_row_get_item (sidebar_row) != item)
    story_sidebar_row_set_item (sidebar_row, item);

  /* Themes are headings: activating one folds it, only headlines are selected. */
  gtk_list_item_set_selectable (list_item, STORY_IS_ARTICLE (item));
  if (STORY_IS_ARTICLE (item))
    load_more_if_near_end (self, row);
  g_clear_object (&item);
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

  /* The store loads the article without waiting for the read mark asked for just before
   * (a sync may hold the store for a while): the article says it is read all the same. */
  if (story_article_get_id (article) == self->read_on_open)
    story_article_set_read (article, TRUE);
  self->read_on_open = 0;

  self->shown_article_id = story_article_get_id (article);
  adw_window_title_set_title (self->content_title, story_article_get_title (article) ?: "");
  adw_window_title_set_subtitle (self->content_title, story_article_get_source_title (article));
  story_reader_view_show_article (self->reader, article, related,
                                  source_allows_remote (self,
                                                        story_article_get_source_id (article)));
  _story_window_themes_article_shown (self, article);
  gtk_stack_set_visible_child_name (self->content_stack, "article");
  update_article_actions (self);
  update_state_actions (self);
}

static void set_article_read (StoryWindow *self,
                              gint64       article_id,
                              gboolean     read);

/* How long an article stays open before "after a few seconds" marks it read. */
#define MARK_READ_DELAY_SECONDS 3

static gboolean
mark_read_later_cb (gpointer user_data)
{
  StoryWindow *self = user_data;

  self->mark_read_id = 0;
  if (self->shown_article_id == self->mark_read_pending)
    set_article_read (self, self->mark_read_pending, TRUE);

  return G_SOURCE_REMOVE;
}

/* "open", "delay" or "never"; a mark-read key never set follows the older
 * mark-read-on-open boolean, so an old "off" stays off. */
static char *
dup_mark_read_mode (StoryWindow *self)
{
  g_autoptr(GVariant) user_mode = g_settings_get_user_value (self->settings, "mark-read");

  if (user_mode == NULL && !g_settings_get_boolean (self->settings, "mark-read-on-open"))
    return g_strdup ("never");

  return g_settings_get_string (self->settings, "mark-read");
}

static void
open_article (StoryWindow  *self,
              gint64        article_id,
              StoryArticle *list_article)
{
  if (self->store == NULL)
    {
      self->pending_article = article_id;
      return;
    }

  g_cancellable_cancel (self->article_cancellable);
  g_clear_object (&self->article_cancellable);
  self->article_cancellable = g_cancellable_new ();

  g_clear_handle_id (&self->mark_read_id, g_source_remove);
  self->read_on_open = 0;
  if (list_article != NULL && !story_article_get_read (list_article) && !self->restoring)
    {
      g_autofree char *mode = dup_mark_read_mode (self);

      if (g_str_equal (mode, "open"))
        {
          story_article_set_read (list_article, TRUE);
          update_rows_read_state (self);
          update_theme_unread (self, list_article, -1);
          story_store_set_read_async (self->store, article_id, TRUE, NULL, mark_read_cb, NULL);
          self->read_on_open = article_id;
        }
      else if (g_str_equal (mode, "delay"))
        {
          self->mark_read_pending = article_id;
          self->mark_read_id = g_timeout_add_seconds (MARK_READ_DELAY_SECONDS,
                                                      mark_read_later_cb, self);
        }
    }
  g_settings_set_int64 (self->settings, "last-article", article_id);

  story_store_get_article_async (self->store, article_id, self->article_cancellable,
                                 article_loaded_cb, self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
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

/**
 * story_window_show_article:
 *
 * Shows @article_id: selects its headline, or opens it directly when the
 * sidebar does not list it (another filter, an old article).
 */
void
story_window_show_article (StoryWindow *self,
                           gint64       article_id)
{
  g_return_if_fail (STORY_IS_WINDOW (self));

  if (!story_window_select_article (self, article_id))
    open_article (self, article_id, NULL);
}

static void
reader_open_article_cb (StoryReaderView *reader,
                        gint64           article_id,
                        StoryWindow     *self)
{
  /* A "More on this theme" link. */
  story_window_show_article (self, article_id);
}

/* Marks in @in_order (one flag per item of @old_index, G_MAXUINT for none) a longest run
 * of items whose old indexes increase: those can stay where they are while the others move
 * around them. O(n log n) (patience sorting). */
static void
mark_longest_increasing (const guint *old_index,
                         guint        n,
                         gboolean    *in_order)
{
  g_autofree guint *tails = g_new (guint, MAX (n, 1));      /* item ending a run of length k+1 */
  g_autofree guint *previous = g_new (guint, MAX (n, 1));   /* the item before it in its run */
  guint length = 0;

  for (guint j = 0; j < n; j++)
    {
      guint low = 0, high = length;

      in_order[j] = FALSE;
      if (old_index[j] == G_MAXUINT)
        continue;

      while (low < high)
        {
          guint middle = (low + high) / 2;

          if (old_index[tails[middle]] < old_index[j])
            low = middle + 1;
          else
            high = middle;
        }
      previous[j] = low > 0 ? tails[low - 1] : G_MAXUINT;
      tails[low] = j;
      if (low == length)
        length++;
    }

  for (guint j = length > 0 ? tails[length - 1] : G_MAXUINT; j != G_MAXUINT; j = previous[j])
    in_order[j] = TRUE;
}

/* Shows @themes (element-type StoryTheme) as just loaded. A theme already listed is
 * updated in place (story_theme_update_from()) rather than replaced, and the list changes
 * as little as it can: the themes that stay in the same order relative to each other stay
 * put, and only the others are taken out and put back in their new places. The tree list
 * model builds new rows for a theme's headlines whenever the theme itself is taken out, and
 * the list view builds, shapes and measures a new widget for each of those rows (it keeps
 * about 200 around the top of the view): a theme whose newest headline was read moved
 * below the next ones under the Unread filter, and splicing every theme between its old
 * and new place rebuilt nearly every row on the screen. */
static void
update_themes (StoryWindow *self,
               GPtrArray   *themes)
{
  GListModel *model = G_LIST_MODEL (self->themes);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = themes->len;
  g_autoptr(GHashTable) old_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) old = g_ptr_array_new_full (n_old, g_object_unref);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_full (n_new, g_object_unref);
  g_autofree guint *old_index = g_new (guint, MAX (n_new, 1));
  g_autofree gboolean *stays = g_new (gboolean, MAX (n_new, 1));
  g_autofree gboolean *old_stays = g_new0 (gboolean, MAX (n_old, 1));
  g_autofree gint64 *old_ids = g_new (gint64, MAX (n_old, 1));

  for (guint i = 0; i < n_old; i++)
    {
      StoryTheme *theme = g_list_model_get_item (model, i);

      old_ids[i] = story_theme_get_id (theme);
      g_ptr_array_add (old, theme);
      g_hash_table_insert (old_by_id, &old_ids[i], GUINT_TO_POINTER (i + 1));
    }

  for (guint j = 0; j < n_new; j++)
    {
      StoryTheme *fresh = g_ptr_array_index (themes, j);
      gint64 id = story_theme_get_id (fresh);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (old_by_id, &id));

      /* A theme listed twice (never, but cheap to guard) is taken as new the second time. */
      if (i != 0)
        g_hash_table_remove (old_by_id, &id);
      old_index[j] = i != 0 ? i - 1 : G_MAXUINT;
      g_ptr_array_add (merged, g_object_ref (i != 0 ? g_ptr_array_index (old, i - 1) : fresh));
    }

  mark_longest_increasing (old_index, n_new, stays);
  for (guint j = 0; j < n_new; j++)
    if (stays[j])
      old_stays[old_index[j]] = TRUE;

  /* Out with the themes that went or move, a run at a time, from the end so that the
   * positions before stay right. */
  for (guint end = n_old; end > 0;)
    {
      guint start = end;

      while (start > 0 && !old_stays[start - 1])
        start--;
      if (start < end)
        g_list_store_splice (self->themes, start, end - start, NULL, 0);
      while (start > 0 && old_stays[start - 1])
        start--;
      end = start;
    }

  /* The themes that stay show what they hold now; the ones that move are updated while
   * out of the list, which costs the list nothing. */
  for (guint j = 0; j < n_new; j++)
    if (old_index[j] != G_MAXUINT)
      story_theme_update_from (g_ptr_array_index (merged, j), g_ptr_array_index (themes, j));
  update_rows_read_state (self);

  /* In with the moved and new themes, a run at a time, in order: the list up to a run
   * already holds what it will. */
  for (guint j = 0; j < n_new;)
    {
      guint end = j;

      while (end < n_new && !stays[end])
        end++;
      if (end > j)
        g_list_store_splice (self->themes, j, 0, merged->pdata + j, end - j);
      j = end + 1;
    }
}

/* Puts @themes (element-type StoryTheme), just loaded for the current filter, in the
 * sidebar. */
static void
show_loaded_themes (StoryWindow *self,
                    GPtrArray   *themes)
{
  gint64 selected_id = self->shown_article_id;

  update_themes (self, themes);
  load_more_for_shown_rows (self);
  self->n_loads++;
  /* Nothing may have changed (the themes are updated in place): the filter's scroll
   * position is still restored. */
  themes_changed_cb (self);
  story_bench_hook_sidebar_loaded ();
  if (gtk_search_bar_get_search_mode (self->search_bar) &&
      gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    ; /* search results stay in front */
  else if (themes->len > 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  else if (self->filter != STORY_ARTICLE_FILTER_ALL)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "filtered-empty");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");

  /* Keep the reader's place: the article being read stays selected. */
  if (selected_id != 0)
    story_window_select_article (self, selected_id);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
themes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StoryWindow *self = user_data;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;

  themes = story_store_list_themes_finish (STORY_STORE (object), result, &error);
  if (themes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load themes: %s", error->message);
      return;
    }

  show_loaded_themes (self, themes);
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

/* How many headlines beyond the themes' first pages a reload lists again at most, in all. */
#define RELOAD_KEEP_MAX 5000

/* Reloads the sidebar from the store, off the main thread. Each theme lists as many
 * headlines as it has loaded (up to RELOAD_KEEP_MAX more than the first pages in all,
 * from the top): going back to the first page would drop the rows the list view has
 * built below it, and it would build rows for the themes after it instead. */
void
story_window_reload (StoryWindow *self)
{
  g_autoptr(GHashTable) page_sizes = NULL;
  guint n_themes, n_kept = 0;

  g_return_if_fail (STORY_IS_WINDOW (self));

  /* The store is still being opened: it loads the sidebar when it comes. */
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  page_sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  n_themes = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  for (guint i = 0; i < n_themes && n_kept < RELOAD_KEEP_MAX; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      guint n_loaded = g_list_model_get_n_items (story_theme_get_articles (theme));
      gint64 id = story_theme_get_id (theme);

      if (n_loaded <= STORY_THEME_FIRST_PAGE)
        continue;

      n_loaded = MIN (n_loaded, STORY_THEME_FIRST_PAGE + RELOAD_KEEP_MAX - n_kept);
      n_kept += n_loaded - STORY_THEME_FIRST_PAGE;
      g_hash_table_insert (page_sizes, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n_loaded));
    }

  story_store_list_sources_async (self->store, self->load_cancellable, sources_loaded_cb, self);
  story_store_list_themes_sized_async (self->store, self->filter, page_sizes,
                                       self->load_cancellable, themes_loaded_cb, self);
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
show_sync_state (StoryWindow *self)
{
  gboolean syncing = story_sync_manager_get_syncing (self->sync_manager);

  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_stack_set_visible_child (self->refresh_stack,
                               syncing ? GTK_WIDGET (self->sync_spinner)
                                       : gtk_stack_get_child_by_name (self->refresh_stack,
                                                                      "refresh"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !syncing);
}

static void
syncing_changed_cb (StoryWindow *self)
{
  show_sync_state (self);

  if (!story_sync_manager_get_syncing (self->sync_manager))
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
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint n_failed = 0;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  if (reports == NULL)
    {
      g_warning ("Sync failed: %s", error->message);
      return;
    }

  for (guint i = 0; i < reports->len; i++)
    if (((StorySyncReport *)g_ptr_array_index (reports, i))->error != NULL)
      n_failed++;

  if (n_failed == 0 || self->toast_overlay == NULL)
    return;

  /* Say it in words, with the way to the details. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source could not be synced",
                                        "%u sources could not be synced", n_failed),
                           n_failed);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open _Sources"));
  adw_toast_set_action_name (toast, "app.sources");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);

  if (self->sync_manager == NULL)
    return;

  /* Offline, a refresh would only fail at every source: say why nothing happens. */
  if (!g_network_monitor_get_network_available (self->network_monitor))
    {
      AdwToast *toast = adw_toast_new (_("You are offline, so nothing was synced"));

      adw_toast_set_button_label (toast, _("_Retry"));
      adw_toast_set_action_name (toast, "win.refresh");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  story_sync_manager_sync_async (self->sync_manager, NULL, 0, NULL, refresh_done_cb,
                                 g_object_ref (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StoryWindow *self = STORY_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  /* The back button goes away with the article: focus the headlines. */
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
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

/* Read and starred state, search, filters and offline: the parts of the
 * window that keep a reader's state. */

/* Every list object that stands for @article_id: the same article can be in
 * the themed list and in the search results at once. */
static void
for_each_list_article (StoryWindow *self,
                       gint64       article_id,
                       void       (*func) (StoryWindow  *self,
                                           StoryArticle *article,
                                           gpointer      data),
                       gpointer     data)
{
  guint n_themes = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  guint n_results = g_list_model_get_n_items (G_LIST_MODEL (self->search_results));

  for (guint i = 0; i < n_themes; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      GListModel *articles = story_theme_get_articles (theme);
      guint n = g_list_model_get_n_items (articles);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);

          if (story_article_get_id (article) == article_id)
            func (self, article, data);
        }
    }

  for (guint i = 0; i < n_results; i++)
    {
      g_autoptr(StoryArticle) article = g_list_model_get_item (G_LIST_MODEL (self->search_results),
                                                               i);

      if (story_article_get_id (article) == article_id)
        func (self, article, data);
    }
}

static void
apply_read (StoryWindow  *self,
            StoryArticle *article,
            gpointer      data)
{
  gboolean read = GPOINTER_TO_INT (data);

  if (story_article_get_read (article) == read)
    return;

  story_article_set_read (article, read);
  update_theme_unread (self, article, read ? -1 : 1);
}

static void
apply_starred (StoryWindow  *self,
               StoryArticle *article,
               gpointer      data)
{
  story_article_set_starred (article, GPOINTER_TO_INT (data));
}

static void
state_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not save an article's state: %s", error->message);
}

static void
set_article_read (StoryWindow *self,
                  gint64       article_id,
                  gboolean     read)
{
  StoryArticle *shown = story_reader_view_get_article (self->reader);

  for_each_list_article (self, article_id, apply_read, GINT_TO_POINTER (read));
  update_rows_read_state (self);
  if (shown != NULL && story_article_get_id (shown) == article_id)
    story_article_set_read (shown, read);
  story_store_set_read_async (self->store, article_id, read, NULL, state_saved_cb, NULL);
  update_state_actions (self);
}

static void
set_article_starred (StoryWindow *self,
                     gint64       article_id,
                     gboolean     starred)
{
  StoryArticle *shown = story_reader_view_get_article (self->reader);

  for_each_list_article (self, article_id, apply_starred, GINT_TO_POINTER (starred));
  if (shown != NULL && story_article_get_id (shown) == article_id)
    story_article_set_starred (shown, starred);
  story_store_set_starred_async (self->store, article_id, starred, NULL, state_saved_cb, NULL);
  update_state_actions (self);
}

/* The star and read buttons mirror the article in the reading pane. */
static void
update_state_actions (StoryWindow *self)
{
  StoryArticle *shown = story_reader_view_get_article (self->reader);
  GAction *star = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-star");
  GAction *read = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-read");
  gboolean starred = shown != NULL && story_article_get_starred (shown);
  gboolean is_read = shown != NULL && story_article_get_read (shown);

  if (star == NULL || read == NULL)
    return;

  g_simple_action_set_enabled (G_SIMPLE_ACTION (star), shown != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (read), shown != NULL);
  g_simple_action_set_state (G_SIMPLE_ACTION (star), g_variant_new_boolean (starred));
  g_simple_action_set_state (G_SIMPLE_ACTION (read), g_variant_new_boolean (is_read));

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               starred ? _("Unstar") : _("Star"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->read_button),
                               is_read ? _("Mark as Unread") : _("Mark as Read"));
}

static void
toggle_star_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  StoryWindow *self = user_data;
  StoryArticle *shown = story_reader_view_get_article (self->reader);

  if (shown != NULL)
    set_article_starred (self, story_article_get_id (shown), !story_article_get_starred (shown));
}

static void
toggle_read_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  StoryWindow *self = user_data;
  StoryArticle *shown = story_reader_view_get_article (self->reader);

  if (shown != NULL)
    set_article_read (self, story_article_get_id (shown), !story_article_get_read (shown));
}

static StoryArticle *
find_list_article (StoryWindow *self,
                   gint64       article_id)
{
  guint n_themes = g_list_model_get_n_items (G_LIST_MODEL (self->themes));

  for (guint i = 0; i < n_themes; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      GListModel *articles = story_theme_get_articles (theme);
      guint n = g_list_model_get_n_items (articles);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);

          if (story_article_get_id (article) == article_id)
            return article;
        }
    }

  return NULL;
}

static void
article_toggle_read_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StoryWindow *self = user_data;
  gint64 article_id = g_variant_get_int64 (parameter);
  StoryArticle *article = find_list_article (self, article_id);

  if (article != NULL)
    set_article_read (self, article_id, !story_article_get_read (article));
}

static void
article_toggle_star_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  StoryWindow *self = user_data;
  gint64 article_id = g_variant_get_int64 (parameter);
  StoryArticle *article = find_list_article (self, article_id);

  if (article != NULL)
    set_article_starred (self, article_id, !story_article_get_starred (article));
}

/* Mark Above / Below as Read: every headline listed before (or after) the
 * one whose menu this is, in the order the sidebar shows them. */
static void
mark_around_read (StoryWindow *self,
                  gint64       article_id,
                  gboolean     above)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_themes = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  gboolean seen = FALSE;

  for (guint i = 0; i < n_themes; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      GListModel *articles = story_theme_get_articles (theme);

      for (guint j = 0; j < g_list_model_get_n_items (articles); j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);
          gint64 id = story_article_get_id (article);

          if (id == article_id)
            {
              seen = TRUE;
              continue;
            }
          if (seen == above || story_article_get_read (article))
            continue;

          story_article_set_read (article, TRUE);
          update_theme_unread (self, article, -1);
          g_array_append_val (ids, id);
        }
    }

  update_rows_read_state (self);
  if (ids->len > 0)
    story_store_set_read_many_async (self->store, ids, TRUE, NULL, state_saved_cb, NULL);
  update_state_actions (self);
}

static void
mark_above_read_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  mark_around_read (user_data, g_variant_get_int64 (parameter), TRUE);
}

static void
mark_below_read_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  mark_around_read (user_data, g_variant_get_int64 (parameter), FALSE);
}

static void
add_mark_around_items (GMenu  *menu,
                       gint64  article_id)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) above = g_menu_item_new (_("Mark _Above as Read"), NULL);
  g_autoptr(GMenuItem) below = g_menu_item_new (_("Mark _Below as Read"), NULL);

  g_menu_item_set_action_and_target_value (above, "win.mark-above-read",
                                           g_variant_new_int64 (article_id));
  g_menu_item_set_action_and_target_value (below, "win.mark-below-read",
                                           g_variant_new_int64 (article_id));
  g_menu_append_item (section, above);
  g_menu_append_item (section, below);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

static void
context_menu_closed_cb (GtkPopover *popover)
{
  gtk_widget_unparent (GTK_WIDGET (popover));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = tree_row ? gtk_tree_list_row_get_item (tree_row) : NULL;
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) read_item = NULL;
  g_autoptr(GMenuItem) star_item = NULL;
  StoryWindow *self = STORY_WINDOW (gtk_widget_get_root (row));
  StoryArticle *article;
  GtkWidget *popover;
  gint64 id;

  if (STORY_IS_THEME (item))
    menu = _story_window_themes_dup_theme_menu (self, STORY_THEME (item));
  if (menu != NULL)
    goto popup;

  if (!STORY_IS_ARTICLE (item))
    return;

  article = STORY_ARTICLE (item);
  id = story_article_get_id (article);
  menu = g_menu_new ();
  read_item = g_menu_item_new (story_article_get_read (article) ? _("Mark as _Unread")
                                                                 : _("Mark as _Read"), NULL);
  g_menu_item_set_action_and_target_value (read_item, "win.article-toggle-read",
                                           g_variant_new_int64 (id));
  g_menu_append_item (menu, read_item);
  star_item = g_menu_item_new (story_article_get_starred (article) ? _("_Unstar") : _("_Star"),
                               NULL);
  g_menu_item_set_action_and_target_value (star_item, "win.article-toggle-star",
                                           g_variant_new_int64 (id));
  g_menu_append_item (menu, star_item);
  add_mark_around_items (menu, id);
  _story_window_themes_add_article_items (self, menu, article);

popup:
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, row);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (context_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* A click selects a headline, which opens it (the lists do not activate
 * on a single click: GTK then selects whatever row the pointer passes over,
 * and merely moving the mouse across the headlines opened and marked them
 * read). A click on a theme folds it, and a click on the headline already
 * open brings its pane forward when the window is folded. */
static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  StoryWindow *self = STORY_WINDOW (gtk_widget_get_root (row));
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  g_autoptr(GObject) item = tree_row ? gtk_tree_list_row_get_item (tree_row) : NULL;

  if (STORY_IS_THEME (item))
    gtk_tree_list_row_set_expanded (tree_row, !gtk_tree_list_row_get_expanded (tree_row));
  else if (STORY_IS_ARTICLE (item) &&
           story_article_get_id (STORY_ARTICLE (item)) == self->shown_article_id)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
add_row_context_menu (StoryWindow *self,
                      GtkWidget   *row,
                      GtkListItem *list_item)
{
  GtkGesture *gesture = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "released", G_CALLBACK (row_released_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (primary));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_pressed_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));
}

/* Each filter keeps its own place in the list: back from Starred, the
 * reader finds the headlines where they left them. */
static void
remember_filter_scroll (StoryWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  self->filter_scroll[self->filter] = gtk_adjustment_get_value (adjustment);
}

/* After the frame is painted, the new rows are measured and the list can
 * take the position (GTK 4.8 refuses a position it cannot lay out yet). */
static void
restore_scroll_after_paint_cb (GdkFrameClock *frame_clock,
                               StoryWindow   *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  g_clear_signal_handler (&self->scroll_tick_id, frame_clock);
  if (self->pending_scroll >= 0)
    gtk_adjustment_set_value (adjustment,
                              MIN (self->pending_scroll,
                                   gtk_adjustment_get_upper (adjustment) -
                                   gtk_adjustment_get_page_size (adjustment)));
  self->pending_scroll = -1;
}

/* The new filter's headlines are in: scroll once they are laid out. */
static void
themes_changed_cb (StoryWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));

  if (self->pending_scroll < 0 || self->scroll_tick_id != 0 || frame_clock == NULL)
    return;

  self->scroll_tick_id = g_signal_connect (frame_clock, "after-paint",
                                           G_CALLBACK (restore_scroll_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self->list_view));
}

static void
filter_change_state_cb (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  StoryWindow *self = user_data;
  const char *name = g_variant_get_string (state, NULL);

  remember_filter_scroll (self);

  if (g_str_equal (name, "unread"))
    {
      self->filter = STORY_ARTICLE_FILTER_UNREAD;
      adw_status_page_set_title (self->filtered_empty_page, _("All Caught Up"));
      adw_status_page_set_description (self->filtered_empty_page,
                                       _("There are no unread articles."));
    }
  else if (g_str_equal (name, "starred"))
    {
      self->filter = STORY_ARTICLE_FILTER_STARRED;
      adw_status_page_set_title (self->filtered_empty_page, _("No Starred Articles"));
      adw_status_page_set_description (self->filtered_empty_page,
                                       _("Star an article to keep it here, and in the cache, "
                                         "for as long as you like."));
    }
  else
    self->filter = STORY_ARTICLE_FILTER_ALL;

  g_simple_action_set_state (action, state);
  self->pending_scroll = self->filter_scroll[self->filter];
  story_window_reload (self);
}

typedef struct
{
  StoryWindow *self;
  GArray      *ids;
} MarkAllRead;

static void
all_marked_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MarkAllRead *mark = user_data;
  g_autoptr(StoryWindow) self = mark->self;
  g_autoptr(GArray) ids = mark->ids;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_free (mark);

  if (!story_store_mark_all_read_finish (STORY_STORE (object), result, &error))
    {
      g_warning ("Could not save read marks: %s", error->message);
      story_window_reload (self);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article marked as read",
                                        "%u articles marked as read", ids->len),
                           ids->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-mark-all-read");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
mark_all_read_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StoryWindow *self = user_data;
  guint n_themes = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  guint n_unread = 0;
  MarkAllRead *mark;

  for (guint i = 0; i < n_themes; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);

      n_unread += story_theme_get_unread_count (theme);
    }

  if (n_unread == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("There is nothing unread here")));
      return;
    }

  /* The sidebar shows it at once; the store marks every article the sidebar
   * lists, loaded or not, by query, and says which for Undo. */
  for (guint i = 0; i < n_themes; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);
      GListModel *articles = story_theme_get_articles (theme);
      guint n = g_list_model_get_n_items (articles);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);

          story_article_set_read (article, TRUE);
        }
      story_theme_set_unread_count (theme, 0);
    }
  update_rows_read_state (self);

  mark = g_new0 (MarkAllRead, 1);
  mark->self = g_object_ref (self);
  mark->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_clear_pointer (&self->last_marked_read, g_array_unref);
  self->last_marked_read = g_array_ref (mark->ids);
  story_store_mark_all_read_async (self->store, self->filter, mark->ids, NULL,
                                   all_marked_read_cb, mark);
  update_state_actions (self);
}

static void
unmarked_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!story_store_set_read_many_finish (STORY_STORE (object), result, &error))
    {
      g_warning ("Could not save read marks: %s", error->message);
      return;
    }

  /* Unread counts of articles the sidebar has not loaded come from the store. */
  story_window_reload (self);
}

static void
undo_mark_all_read_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  StoryWindow *self = user_data;
  g_autoptr(GArray) ids = g_steal_pointer (&self->last_marked_read);

  if (ids == NULL)
    return;

  story_store_set_read_many_async (self->store, ids, FALSE, NULL, unmarked_read_cb,
                                   g_object_ref (self));
  update_state_actions (self);
}

static void
search_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StoryWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_themes_page (StoryWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->themes));

  if (n > 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  else if (self->filter != STORY_ARTICLE_FILTER_ALL)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "filtered-empty");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  StoryWindow *self = user_data;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  articles = story_store_search_finish (STORY_STORE (object), result, &error);
  if (articles == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Search failed: %s", error->message);
      return;
    }

  g_list_store_splice (self->search_results, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->search_results)),
                       articles->pdata, articles->len);
  gtk_single_selection_set_selected (self->search_selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->sidebar_stack, articles->len > 0 ? "search" : "no-results");
}

/* Results come as the user types (GtkSearchEntry waits for a pause). */
static void
search_changed_cb (StoryWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_terms, g_strfreev);

  if (text[0] == '\0')
    {
      g_list_store_remove_all (self->search_results);
      show_themes_page (self);
      return;
    }

  self->search_terms = g_str_tokenize_and_fold (text, NULL, NULL);
  if (self->store == NULL)
    return; /* searched once the store is there */
  self->search_cancellable = g_cancellable_new ();
  story_store_search_async (self->store, text, self->search_cancellable, search_done_cb, self);
}

static void
stop_search_cb (StoryWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
open_search_result_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  StoryWindow *self = user_data;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->search_results)) > 0)
    gtk_single_selection_set_selected (self->search_selection, 0);
}

/* Enter in the search entry opens the best match. */
static void
search_activate_cb (StoryWindow *self)
{
  g_autoptr(StoryArticle) best = g_list_model_get_item (G_LIST_MODEL (self->search_results), 0);

  if (best != NULL)
    gtk_single_selection_set_selected (self->search_selection, 0);
}

static void
search_selection_changed_cb (StoryWindow *self)
{
  StoryArticle *article = gtk_single_selection_get_selected_item (self->search_selection);

  if (article != NULL && story_article_get_id (article) != self->shown_article_id)
    open_article (self, story_article_get_id (article), article);
}

static void
setup_search_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     StoryWindow              *self)
{
  GtkWidget *row = story_sidebar_row_new ();

  gtk_widget_set_margin_start (row, 6);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_search_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    StoryWindow              *self)
{
  StorySidebarRow *row = STORY_SIDEBAR_ROW (gtk_list_item_get_child (list_item));

  story_sidebar_row_set_item (row, gtk_list_item_get_item (list_item));
  story_sidebar_row_set_highlight (row, (const char * const *)self->search_terms);
}

static void
unbind_search_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      StoryWindow              *self)
{
  story_sidebar_row_set_item (STORY_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
network_changed_cb (StoryWindow *self)
{
  gtk_revealer_set_reveal_child (self->offline_banner,
                                 !g_network_monitor_get_network_available (self->network_monitor));
}

static const GActionEntry reading_actions[] = {
  { "toggle-star", toggle_star_cb, NULL, "false" },
  { "toggle-read", toggle_read_cb, NULL, "false" },
  { "article-toggle-read", article_toggle_read_cb, "x" },
  { "article-toggle-star", article_toggle_star_cb, "x" },
  { "filter", NULL, "s", "'all'", filter_change_state_cb },
  { "mark-all-read", mark_all_read_cb },
  { "undo-mark-all-read", undo_mark_all_read_cb },
  { "mark-above-read", mark_above_read_cb, "x" },
  { "mark-below-read", mark_below_read_cb, "x" },
  { "search", search_action_cb },
  { "open-search-result", open_search_result_cb },
};

static void
init_reading_features (StoryWindow *self)
{
  GtkListItemFactory *factory;

  g_action_map_add_action_entries (G_ACTION_MAP (self), reading_actions,
                                   G_N_ELEMENTS (reading_actions), self);

  self->search_results = g_list_store_new (STORY_TYPE_ARTICLE);
  self->search_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->search_results)));
  gtk_single_selection_set_autoselect (self->search_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->search_selection, TRUE);
  g_signal_connect_swapped (self->search_selection, "notify::selected",
                            G_CALLBACK (search_selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_search_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_search_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_search_row_cb), self);
  gtk_list_view_set_factory (self->search_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->search_view, GTK_SELECTION_MODEL (self->search_selection));

  /* No key capture: single letters are shortcuts; Ctrl+F and / start a search. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->network_monitor = g_network_monitor_get_default ();
  g_signal_connect_swapped (self->network_monitor, "notify::network-available",
                            G_CALLBACK (network_changed_cb), self);
  network_changed_cb (self);
}

/* Keyboard: single-key navigation as in the best readers. The keys are
 * caught before the focused widget sees them, so Space pages the article
 * even when the list has focus, but they give way to anything one types
 * into (the search entry) and to open menus. */

static GtkListView *
current_list_view (StoryWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "search") == 0)
    return self->search_view;

  return self->list_view;
}

/* Returns: (transfer none) (nullable): the article at @position; the list
 * keeps it alive */
static StoryArticle *
list_item_article (StoryWindow *self,
                   GListModel  *model,
                   guint        position)
{
  g_autoptr(GObject) object = g_list_model_get_item (model, position);

  if (GTK_IS_TREE_LIST_ROW (object))
    {
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (object));

      return STORY_IS_ARTICLE (item) ? STORY_ARTICLE (item) : NULL;
    }

  return STORY_IS_ARTICLE (object) ? STORY_ARTICLE (object) : NULL;
}

/* Moves keyboard focus to the row at @position so that arrow keys carry on
 * from the headline just opened, not from wherever focus was before. */
static void
focus_row (StoryWindow *self,
           GtkListView *list_view,
           guint        position)
{
  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", position);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      guint row_position = GTK_INVALID_LIST_POSITION;

      if (GTK_IS_TREE_EXPANDER (row) && gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (row)))
        row_position = gtk_tree_list_row_get_position (gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (row)));

      if (row_position == position && gtk_widget_grab_focus (child))
        return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (list_view));
}

typedef enum
{
  STEP_NEXT,
  STEP_PREVIOUS,
  STEP_NEXT_UNREAD,
} Step;

/* Selects the next (or previous, or next unread) headline after the
 * selected one, across themes, which opens it. Collapsed themes open up on
 * the way. Returns whether there was one. */
static gboolean
step_article_from (StoryWindow *self,
                   Step         step,
                   gboolean     from_start)
{
  GtkListView *list_view = current_list_view (self);
  GtkSingleSelection *selection = list_view == self->search_view ? self->search_selection
                                                                 : self->selection;
  GListModel *model = G_LIST_MODEL (selection);
  guint selected = gtk_single_selection_get_selected (selection);
  int direction = step == STEP_PREVIOUS ? -1 : 1;
  int i;

  if (selected == GTK_INVALID_LIST_POSITION || from_start)
    i = step == STEP_PREVIOUS ? (int)g_list_model_get_n_items (model) - 1 : 0;
  else
    i = (int)selected + direction;

  for (; i >= 0 && i < (int)g_list_model_get_n_items (model); i += direction)
    {
      StoryArticle *article = list_item_article (self, model, i);

      if (article == NULL)
        {
          g_autoptr(GObject) object = g_list_model_get_item (model, i);

          if (GTK_IS_TREE_LIST_ROW (object) &&
              !gtk_tree_list_row_get_expanded (GTK_TREE_LIST_ROW (object)))
            gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (object), TRUE);
          continue;
        }

      if (step == STEP_NEXT_UNREAD &&
          (story_article_get_read (article) ||
           story_article_get_id (article) == self->shown_article_id))
        continue;

      gtk_single_selection_set_selected (selection, i);
      focus_row (self, list_view, i);
      return TRUE;
    }

  return FALSE;
}

static gboolean
step_article (StoryWindow *self,
              Step         step)
{
  /* The next unread article may be above: n goes round once. */
  return step_article_from (self, step, FALSE) ||
         (step == STEP_NEXT_UNREAD && step_article_from (self, step, TRUE));
}

/* Whether a single-key shortcut may act: not while typing, not in a menu. */
static gboolean
single_keys_allowed (StoryWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return TRUE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return FALSE;

  return gtk_widget_get_native (focus) == GTK_NATIVE (self);
}

static gboolean
next_article_shortcut_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);

  if (!single_keys_allowed (self))
    return FALSE;

  step_article (self, STEP_NEXT);
  return TRUE;
}

static gboolean
previous_article_shortcut_cb (GtkWidget *widget,
                              GVariant  *args,
                              gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);

  if (!single_keys_allowed (self))
    return FALSE;

  step_article (self, STEP_PREVIOUS);
  return TRUE;
}

static gboolean
next_unread_shortcut_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);

  if (!single_keys_allowed (self))
    return FALSE;

  if (!step_article (self, STEP_NEXT_UNREAD))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("No more unread articles")));
  return TRUE;
}

/* A single key that stands for a window action, e.g. m for win.toggle-read. */
static gboolean
action_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);

  if (!single_keys_allowed (self))
    return FALSE;

  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), NULL);
}

/* Enter opens the article in the browser when the reading pane has focus, or
 * when the focused headline is the one being read; elsewhere Enter keeps its
 * meaning (opening a headline, folding a theme, pressing a button). */
static gboolean
enter_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  StoryArticle *focused = NULL;

  if (!single_keys_allowed (self) || focus == NULL)
    return FALSE;

  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->reader)))
    return gtk_widget_activate_action (widget, "win.open-in-browser", NULL);

  /* The focus is on a row (GTK 4.8 focuses the tree expander inside it). */
  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (self->list_view))
    focus = gtk_widget_get_parent (focus);

  if (focus != NULL)
    {
      GtkWidget *row = gtk_widget_get_first_child (focus);
      g_autoptr(GObject) item = NULL;

      if (GTK_IS_TREE_EXPANDER (row))
        item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (row));
      if (STORY_IS_ARTICLE (item))
        focused = STORY_ARTICLE (item);
      if (focused != NULL && story_article_get_id (focused) == self->shown_article_id)
        return gtk_widget_activate_action (widget, "win.open-in-browser", NULL);
    }

  return FALSE;
}

static void
page_scrolled_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not scroll the article: %s", error->message);
      return;
    }

  /* At the end of the article, Space goes on to the next one. */
  if (!jsc_value_to_boolean (value))
    step_article (self, STEP_NEXT);
}

/* Space pages down the article and, at its end, opens the next;
 * Shift+Space pages up. The page's own scripts are off: this script is the
 * application's, run in the page's world. */
static gboolean
space_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);
  gboolean up = g_variant_get_boolean (args);
  WebKitWebView *web_view = story_reader_view_get_web_view (self->reader);
  const char *script;

  if (!single_keys_allowed (self))
    return FALSE;

  /* Space on a button presses the button. */
  if (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (self))))
    return FALSE;

  if (story_reader_view_get_article (self->reader) == NULL)
    {
      if (!up)
        step_article (self, STEP_NEXT);
      return TRUE;
    }

  if (up)
    script = "window.scrollBy (0, -0.85 * window.innerHeight); true";
  else
    script = "(function () {"
             "  var page = document.scrollingElement || document.documentElement;"
             "  if (page.scrollTop + window.innerHeight >= page.scrollHeight - 2)"
             "    return false;"
             "  window.scrollBy (0, 0.85 * window.innerHeight);"
             "  return true;"
             "}) ()";

  g_cancellable_cancel (self->scroll_cancellable);
  g_clear_object (&self->scroll_cancellable);
  if (self->scroll_tick_id != 0 && self->list_view != NULL &&
      gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)) != NULL)
    g_clear_signal_handler (&self->scroll_tick_id,
                            gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view)));
  self->scroll_tick_id = 0;
  self->scroll_cancellable = g_cancellable_new ();
  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, self->scroll_cancellable,
                                       page_scrolled_cb, g_object_ref (self));
  return TRUE;
}

/* Escape closes the search, then goes back to the headlines when folded. */
static gboolean
escape_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  StoryWindow *self = STORY_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_get_native (focus) != GTK_NATIVE (self))
    return FALSE;

  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      stop_search_cb (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return TRUE;
    }

  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->content)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      gtk_widget_grab_focus (GTK_WIDGET (current_list_view (self)));
      return TRUE;
    }

  return FALSE;
}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        modifiers,
         GtkShortcutFunc        func,
         GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (func, NULL, NULL));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* The headlines get the keyboard focus when they first appear, so that
 * Space and Enter start on the list instead of the first header button. */
static void
sidebar_page_changed_cb (StoryWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->list_had_focus ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "list") != 0)
    return;

  self->list_had_focus = TRUE;
  if (focus == NULL || !GTK_IS_EDITABLE (focus))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  /* The reader's place from last time comes back at start. */
  if (self->shown_article_id == 0 && self->settings != NULL)
    {
      gint64 last = g_settings_get_int64 (self->settings, "last-article");

      self->restoring = TRUE;
      if (last > 0 && story_window_select_article (self, last))
        focus_row (self, self->list_view,
                   gtk_single_selection_get_selected (self->selection));
      self->restoring = FALSE;
    }
}

static void
init_keyboard (StoryWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_name (controller, "story-single-keys");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);

  add_key (keys, GDK_KEY_j, 0, next_article_shortcut_cb, NULL);
  add_key (keys, GDK_KEY_k, 0, previous_article_shortcut_cb, NULL);
  add_key (keys, GDK_KEY_n, 0, next_unread_shortcut_cb, NULL);
  add_key (keys, GDK_KEY_space, 0, space_shortcut_cb, g_variant_new_boolean (FALSE));
  add_key (keys, GDK_KEY_space, GDK_SHIFT_MASK, space_shortcut_cb, g_variant_new_boolean (TRUE));
  add_key (keys, GDK_KEY_m, 0, action_shortcut_cb, g_variant_new_string ("win.toggle-read"));
  add_key (keys, GDK_KEY_s, 0, action_shortcut_cb, g_variant_new_string ("win.toggle-star"));
  add_key (keys, GDK_KEY_o, 0, action_shortcut_cb, g_variant_new_string ("win.open-in-browser"));
  add_key (keys, GDK_KEY_r, 0, action_shortcut_cb, g_variant_new_string ("win.refresh"));
  add_key (keys, GDK_KEY_slash, 0, action_shortcut_cb, g_variant_new_string ("win.search"));
  add_key (keys, GDK_KEY_Return, 0, enter_shortcut_cb, NULL);
  add_key (keys, GDK_KEY_KP_Enter, 0, enter_shortcut_cb, NULL);
  add_key (keys, GDK_KEY_Escape, 0, escape_shortcut_cb, NULL);

  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_swapped (self->sidebar_stack, "notify::visible-child-name",
                            G_CALLBACK (sidebar_page_changed_cb), self);

  self->pending_scroll = -1;
  g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (themes_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/* On a wide window the sidebar takes about three tenths of the width, from
 * the sidebar-width key (its narrowest) up to 560 pixels. Below about 1200
 * pixels that is sidebar-width, so the window folds where it always did. */
static gboolean
update_sidebar_width_cb (gpointer user_data)
{
  StoryWindow *self = user_data;
  int narrowest, wanted;
  int current = -1;

  self->sidebar_width_id = 0;
  /* The surface can change size while the window is being destroyed. */
  if (self->settings == NULL || self->sidebar == NULL)
    return G_SOURCE_REMOVE;

  narrowest = MAX (g_settings_get_int (self->settings, "sidebar-width"), 0);
  wanted = CLAMP (gtk_widget_get_width (GTK_WIDGET (self)) * 3 / 10, narrowest,
                  MAX (narrowest, 560));
  gtk_widget_get_size_request (self->sidebar, &current, NULL);
  if (current != wanted)
    gtk_widget_set_size_request (self->sidebar, wanted, -1);

  return G_SOURCE_REMOVE;
}

/* Changing a size request while GTK lays out the window would lay it out
 * again at once: wait for an idle moment. */
static void
queue_sidebar_width (StoryWindow *self)
{
  if (self->sidebar_width_id == 0)
    self->sidebar_width_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_sidebar_width_cb,
                                              g_object_ref (self), g_object_unref);
}

static void
window_realize_cb (StoryWindow *self)
{
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (self)), "notify::width",
                           G_CALLBACK (queue_sidebar_width), self, G_CONNECT_SWAPPED);
}

static void
story_window_dispose (GObject *object)
{
  StoryWindow *self = (StoryWindow *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->article_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->article_cancellable);
  g_cancellable_cancel (self->scroll_cancellable);
  g_clear_object (&self->scroll_cancellable);
  g_clear_handle_id (&self->mark_read_id, g_source_remove);
  g_clear_handle_id (&self->sidebar_width_id, g_source_remove);
  g_clear_handle_id (&self->preparing_id, g_source_remove);
  g_clear_handle_id (&self->unload_id, g_source_remove);

  if (self->sync_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_manager, self);

  /* The settings actions follow the shared GSettings for as long as they
   * live; out of the map, they stop telling this window's action group. */
  g_action_map_remove_action (G_ACTION_MAP (self), "article-theme");
  g_action_map_remove_action (G_ACTION_MAP (self), "article-font");

  gtk_widget_dispose_template (GTK_WIDGET (self), STORY_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->themes);
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->load_remote_action);
  g_clear_pointer (&self->remote_sources, g_hash_table_unref);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->search_selection);
  g_clear_object (&self->search_results);
  g_clear_pointer (&self->search_terms, g_strfreev);
  g_clear_pointer (&self->last_marked_read, g_array_unref);
  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  self->network_monitor = NULL;

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
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, share_button);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, browser_button);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, content);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, reader);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, search_view);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, filtered_empty_page);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, StoryWindow, read_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_slash, 0, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.mark-all-read",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

/* The sidebar's spinner spins only while its page shows: a spinning spinner keeps the
 * frame clock running, hidden or not, and every frame was drawn again (under a software
 * renderer, a whole window's worth of pixels sixty times a second while idle, which also
 * kept WebKit's messages waiting while an article loaded). */
static void
update_loading_spinner (StoryWindow *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack),
                                       "loading") == 0);
}

static void
story_window_init (StoryWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->sidebar_stack, "notify::visible-child-name",
                            G_CALLBACK (update_loading_spinner), self);
  update_loading_spinner (self);

  /* A folded window can be as narrow as a phone: Open in Browser and Share
   * move into the Article Options menu, which always has them. */
  g_object_bind_property (self->leaflet, "folded", self->share_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->leaflet, "folded", self->browser_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

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
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)),
                           "value-changed", G_CALLBACK (list_scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  g_signal_connect (self->reader, "open-article", G_CALLBACK (reader_open_article_cb), self);

  self->remote_sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->load_remote_action = g_simple_action_new_stateful ("load-remote-content", NULL,
                                                           g_variant_new_boolean (FALSE));
  g_signal_connect (self->load_remote_action, "change-state",
                    G_CALLBACK (load_remote_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->load_remote_action));

  init_reading_features (self);
  init_keyboard (self);
  _story_window_themes_init (self);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  story_bench_hook_watch_sidebar (self->sidebar_stack, self->list_view);
  update_article_actions (self);
  update_state_actions (self);
}

/* Opening the store is quick but for migrating an old cache, or putting aside a damaged
 * one: the sidebar says what is going on only when it takes longer than this. */
#define PREPARING_DELAY_MS 400

static gboolean
show_preparing_cb (gpointer user_data)
{
  StoryWindow *self = user_data;

  self->preparing_id = 0;
  gtk_stack_set_visible_child_name (self->sidebar_stack, "preparing");

  return G_SOURCE_REMOVE;
}

static const char * const store_actions[] = { "mark-all-read", "show-muted-themes" };

static void
set_store_actions_enabled (StoryWindow *self,
                           gboolean     enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (store_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), store_actions[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", enabled);
}

/**
 * story_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the store, or %NULL while the application opens it
 * @sync_manager: (nullable): its sync manager, given with @store
 *
 * Without a store the window says its articles are being prepared until
 * story_window_set_store() gives it one.
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

  g_return_val_if_fail (store == NULL || STORY_IS_STORE (store), NULL);
  g_return_val_if_fail ((store == NULL) == (sync_manager == NULL), NULL);
  g_return_val_if_fail (sync_manager == NULL || STORY_IS_SYNC_MANAGER (sync_manager), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STORY_TYPE_WINDOW, "application", application, NULL);
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
  g_settings_bind (settings, "sidebar-width", self->sidebar, "width-request", G_SETTINGS_BIND_GET);
  g_signal_connect_object (settings, "changed::sidebar-width", G_CALLBACK (queue_sidebar_width),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_after (self, "realize", G_CALLBACK (window_realize_cb), NULL);

  if (store != NULL)
    story_window_set_store (self, store, sync_manager, NULL);
  else
    {
      set_store_actions_enabled (self, FALSE);
      self->preparing_id = g_timeout_add (PREPARING_DELAY_MS, show_preparing_cb, self);
    }

  return self;
}

/**
 * story_window_set_store:
 * @themes: (nullable) (element-type StoryTheme): the themes of the All filter with their
 *   first pages, as story_store_list_themes_async() gives them, when they were read
 *   together with opening the store
 *
 * Gives a window made without a store its store, once the application has
 * opened it, and loads the sidebar from it, or shows @themes.
 */
void
story_window_set_store (StoryWindow      *self,
                        StoryStore       *store,
                        StorySyncManager *sync_manager,
                        GPtrArray        *themes)
{
  const char *search;

  g_return_if_fail (STORY_IS_WINDOW (self));
  g_return_if_fail (STORY_IS_STORE (store));
  g_return_if_fail (STORY_IS_SYNC_MANAGER (sync_manager));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->sync_manager = g_object_ref (sync_manager);
  set_store_actions_enabled (self, TRUE);

  g_clear_handle_id (&self->preparing_id, g_source_remove);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "preparing") == 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");

  g_signal_connect_swapped (sync_manager, "notify::syncing", G_CALLBACK (syncing_changed_cb),
                            self);
  if (themes != NULL && self->filter == STORY_ARTICLE_FILTER_ALL &&
      !story_sync_manager_get_syncing (sync_manager))
    {
      /* Only the sources are left to load; a sync still reloads it all when it ends. */
      show_sync_state (self);
      story_store_list_sources_async (self->store, NULL, sources_checked_cb, g_object_ref (self));
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      self->load_cancellable = g_cancellable_new ();
      story_store_list_sources_async (self->store, self->load_cancellable, sources_loaded_cb,
                                      self);
      show_loaded_themes (self, themes);
    }
  else
    {
      /* This loads the sidebar when no sync is running, as after a sync. */
      syncing_changed_cb (self);
      if (story_sync_manager_get_syncing (sync_manager))
        story_window_reload (self);
    }

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (gtk_search_bar_get_search_mode (self->search_bar) && search[0] != '\0')
    search_changed_cb (self);

  if (self->pending_article != 0)
    {
      story_window_show_article (self, self->pending_article);
      self->pending_article = 0;
    }
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

/**
 * story_window_get_n_loads:
 *
 * Returns: how many times the sidebar has been given a newly loaded list of themes. A
 *   reload updates the themes in place, so this is how to tell that it has landed.
 */
guint
story_window_get_n_loads (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), 0);

  return self->n_loads;
}

/**
 * story_window_get_loading_pages:
 *
 * Returns: whether more headlines of a theme are being loaded, as the list scrolled
 *   near the end of what it had
 */
gboolean
story_window_get_loading_pages (StoryWindow *self)
{
  guint n;

  g_return_val_if_fail (STORY_IS_WINDOW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->themes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (G_LIST_MODEL (self->themes), i);

      if (g_object_get_data (G_OBJECT (theme), PAGE_LOADING_KEY) != NULL)
        return TRUE;
    }

  return FALSE;
}

StoryStore *
_story_window_get_store (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);

  return self->store;
}

void
_story_window_add_toast (StoryWindow *self,
                         AdwToast    *toast)
{
  g_return_if_fail (STORY_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

StoryReaderView *
story_window_get_reader (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);

  return self->reader;
}

/**
 * story_window_search:
 * @text: what to search for; empty ends the search
 *
 * Searches as if the user typed @text into the search bar.
 */
void
story_window_search (StoryWindow *self,
                     const char  *text)
{
  g_return_if_fail (STORY_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Don't wait for the entry's typing delay. */
  search_changed_cb (self);
}

/**
 * story_window_get_search_results:
 *
 * Returns: (transfer none): the articles the search found, best first
 */
GListModel *
story_window_get_search_results (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->search_results);
}

/**
 * story_window_get_visible_page:
 *
 * Returns: what the sidebar shows: "list", "search", "no-results", "empty",
 *   "filtered-empty" or "loading"
 */
const char *
story_window_get_visible_page (StoryWindow *self)
{
  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->sidebar_stack);
}
