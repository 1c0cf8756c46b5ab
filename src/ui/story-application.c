/* story-application.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-application"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "story-application.h"
#include "story-preferences-window.h"
#include "story-opml.h"
#include "story-sources-window.h"
#include "story-window.h"

struct _StoryApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;
  StoryStore       *store;
  StorySyncManager *sync_manager;
  GError           *store_error;
  GPtrArray        *first_themes;     /* read with opening the store, for the first window */
  char             *damaged_cache_path;
  char             *keyring_notice;   /* (nullable): passwords left in the cache, and why */
  StoryImageCache  *image_cache;

  GNetworkMonitor  *network_monitor;
  gboolean          network_available;
  guint             sync_timeout_id;
  gboolean          synced_at_start;
  gboolean          window_started;   /* a window has the store */
  gboolean          sample_pending;   /* the sample is being subscribed and synced */
  GtkWindow        *sources_window;   /* (weak) */

  gint64            newest_seen_id;   /* notifications: articles above it are new */
  gboolean          was_syncing;
};

G_DEFINE_FINAL_TYPE (StoryApplication, story_application, ADW_TYPE_APPLICATION)

StoryApplication *
story_application_new (void)
{
  return g_object_new (STORY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

static void
story_application_dispose (GObject *object)
{
  StoryApplication *self = (StoryApplication *)object;

  g_clear_handle_id (&self->sync_timeout_id, g_source_remove);
  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);
  g_clear_weak_pointer (&self->sources_window);
  if (self->sync_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_manager, self);
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->first_themes, g_ptr_array_unref);
  g_clear_pointer (&self->damaged_cache_path, g_free);
  g_clear_pointer (&self->keyring_notice, g_free);
  g_clear_object (&self->image_cache);

  G_OBJECT_CLASS (story_application_parent_class)->dispose (object);
}

static void sync_at_start (StoryApplication *self);

/* The sample's own sync is done (or not needed): the sync at start may run, after it, so
 * that the two never sync the sample at once. */
static void
sample_done (StoryApplication *self)
{
  self->sample_pending = FALSE;
  sync_at_start (self);
}

static void
sample_synced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  /* The application was kept alive for this sync. */
  g_autoptr(StoryApplication) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  if (reports == NULL)
    g_warning ("Could not load the sample source: %s", error->message);
  sample_done (self);
}

static void
sample_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StoryApplication) self = user_data;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id;

  source = story_store_add_source_finish (STORY_STORE (object), result, &error);
  if (source == NULL)
    {
      if (!g_error_matches (error, STORY_STORE_ERROR, STORY_STORE_ERROR_EXISTS))
        g_warning ("Could not subscribe to the sample source: %s", error->message);
      sample_done (self);
      return;
    }

  g_settings_set_boolean (self->settings, "sample-subscribed", TRUE);

  source_id = story_source_get_id (source);
  story_sync_manager_sync_async (self->sync_manager, &source_id, 1, NULL, sample_synced_cb,
                                 g_object_ref (self));
}

static void
scheduled_sync_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  if (reports == NULL)
    {
      g_warning ("Sync failed: %s", error->message);
      return;
    }

  for (guint i = 0; i < reports->len; i++)
    {
      StorySyncReport *report = g_ptr_array_index (reports, i);

      if (report->error != NULL)
        g_debug ("Source %" G_GINT64_FORMAT " did not sync: %s", report->source_id,
                 report->error->message);
    }
}

/* Syncs every source that is not backing off after a failure; the windows
 * reload when the sync ends, keeping the reader's place. */
static void
sync_all (StoryApplication *self,
          const char       *why)
{
  if (self->sync_manager == NULL || story_sync_manager_get_syncing (self->sync_manager))
    return;

  g_debug ("Syncing all sources: %s", why);
  story_sync_manager_sync_async (self->sync_manager, NULL, 0, NULL, scheduled_sync_cb, NULL);
}

/* Once, when the first window has its headlines, if the user wants it. */
static void
sync_at_start (StoryApplication *self)
{
  if (self->synced_at_start || !self->window_started || self->sample_pending)
    return;

  self->synced_at_start = TRUE;
  if (self->network_available && g_settings_get_boolean (self->settings, "sync-at-start"))
    sync_all (self, "start");
}

/* The timer ticks every few minutes and syncs the sources that are due: each
 * has its own interval, or the sync-interval setting. */
#define SCHEDULE_TICK_SECONDS (5 * 60)

static gboolean
sync_timeout_cb (gpointer user_data)
{
  StoryApplication *self = user_data;

  if (self->network_available && !story_sync_manager_get_syncing (self->sync_manager))
    story_sync_manager_sync_due_async (self->sync_manager, NULL, scheduled_sync_cb, NULL);

  return G_SOURCE_CONTINUE;
}

static void
sync_interval_changed_cb (StoryApplication *self)
{
  story_sync_manager_set_default_interval (self->sync_manager,
                                           g_settings_get_int (self->settings, "sync-interval"));
}

static void
network_changed_cb (GNetworkMonitor  *monitor,
                    gboolean          available,
                    StoryApplication *self)
{
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (available && !was_available && self->sync_manager != NULL &&
      !story_sync_manager_get_syncing (self->sync_manager))
    {
      /* What failed while offline deserves another try at once. */
      g_debug ("Syncing all sources: the network is back");
      story_sync_manager_retry_async (self->sync_manager, NULL, scheduled_sync_cb, NULL);
    }
}

/* Images download while syncing when the user wants them, and on a metered
 * network only when the user said so. */
static void
update_image_downloads (StoryApplication *self)
{
  gboolean wanted = g_settings_get_boolean (self->settings, "download-images");
  gboolean metered = g_network_monitor_get_network_metered (self->network_monitor);

  if (metered && !g_settings_get_boolean (self->settings, "download-images-metered"))
    wanted = FALSE;

  story_sync_manager_set_image_cache (self->sync_manager, wanted ? self->image_cache : NULL);
}

static void
update_retention (StoryApplication *self)
{
  story_sync_manager_set_retention_days (self->sync_manager,
                                         g_settings_get_int (self->settings, "retention-days"));
}

/* Notifications: one per sync, for the new articles in followed themes.
 * Which themes are followed is kept in the store, with the themes. */

/**
 * story_application_summarize_new_articles:
 * @articles: (element-type StoryArticle): new articles, at least one
 * @title: (out) (transfer full): the notification's title
 * @body: (out) (transfer full): its body
 *
 * Returns: the id of the article a click opens: the first one
 */
gint64
story_application_summarize_new_articles (GPtrArray  *articles,
                                          char      **title,
                                          char      **body)
{
  StoryArticle *first;
  const char *headline;
  guint n;

  g_return_val_if_fail (articles != NULL && articles->len > 0, 0);
  g_return_val_if_fail (title != NULL && body != NULL, 0);

  n = articles->len;
  first = g_ptr_array_index (articles, 0);
  headline = story_article_get_title (first);
  if (headline == NULL)
    headline = _("Untitled article");

  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new article in followed themes",
                                         "%u new articles in followed themes", n),
                            n);
  if (n == 1)
    *body = g_strdup (headline);
  else
    /* Translators: the first new headline, then how many more there are */
    *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” and %u more",
                                          "“%s” and %u more", n - 1),
                             headline, n - 1);

  return story_article_get_id (first);
}

/**
 * story_application_build_new_articles_notification:
 * @articles: (element-type StoryArticle): new articles, at least one
 *
 * Returns: (transfer full): one notification that sums @articles up;
 *   clicking it runs app.open-article with the first article's id
 */
GNotification *
story_application_build_new_articles_notification (GPtrArray *articles)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;
  gint64 target;

  g_return_val_if_fail (articles != NULL && articles->len > 0, NULL);

  target = story_application_summarize_new_articles (articles, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target_value (notification, "app.open-article",
                                                      g_variant_new_int64 (target));
  return notification;
}

static gboolean
theme_followed (const gint64 *followed,
                gsize         n_followed,
                gint64        theme_id)
{
  for (gsize i = 0; i < n_followed; i++)
    if (followed[i] == theme_id)
      return TRUE;

  return FALSE;
}

/**
 * story_application_collect_new_articles:
 * @themes: (element-type StoryTheme): the themes with their unread articles
 * @followed: (array length=n_followed): ids of the followed themes
 * @newest_seen_id: (inout): the newest article id seen so far; updated
 *
 * Article ids only grow, so the articles above @newest_seen_id arrived
 * since it was taken.
 *
 * Returns: (transfer full) (element-type StoryArticle): the new articles
 *   in followed themes, in the order the themes list them
 */
GPtrArray *
story_application_collect_new_articles (GPtrArray    *themes,
                                        const gint64 *followed,
                                        gsize         n_followed,
                                        gint64       *newest_seen_id)
{
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 newest;

  g_return_val_if_fail (themes != NULL, fresh);
  g_return_val_if_fail (newest_seen_id != NULL, fresh);

  newest = *newest_seen_id;
  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      GListModel *articles = story_theme_get_articles (theme);
      gboolean follow = theme_followed (followed, n_followed, story_theme_get_id (theme));

      for (guint j = 0; j < g_list_model_get_n_items (articles); j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);
          gint64 id = story_article_get_id (article);

          newest = MAX (newest, id);
          if (follow && id > *newest_seen_id)
            g_ptr_array_add (fresh, g_object_ref (article));
        }
    }

  *newest_seen_id = newest;
  return fresh;
}

static void
new_articles_checked_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(StoryApplication) self = user_data;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) followed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  themes = story_store_list_themes_finish (STORY_STORE (object), result, &error);
  if (themes == NULL)
    {
      g_warning ("Could not look for new articles: %s", error->message);
      return;
    }

  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      gint64 id = story_theme_get_id (theme);

      if (story_theme_get_followed (theme))
        g_array_append_val (followed, id);
    }
  fresh = story_application_collect_new_articles (themes, (const gint64 *)(gpointer)followed->data,
                                                  followed->len, &self->newest_seen_id);

  if (fresh->len > 0 && g_settings_get_boolean (self->settings, "notifications"))
    {
      g_autoptr(GNotification) notification = NULL;

      notification = story_application_build_new_articles_notification (fresh);
      g_application_send_notification (G_APPLICATION (self), "new-articles", notification);
    }
}

static void
check_new_articles (StoryApplication *self)
{
  story_store_list_themes_async (self->store, STORY_ARTICLE_FILTER_UNREAD, NULL,
                                 new_articles_checked_cb, g_object_ref (self));
}

static void
app_syncing_changed_cb (StoryApplication *self)
{
  gboolean syncing = story_sync_manager_get_syncing (self->sync_manager);

  if (self->was_syncing && !syncing)
    check_new_articles (self);
  self->was_syncing = syncing;
}

static void
open_article_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  StoryApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (STORY_IS_WINDOW (window))
    story_window_show_article (STORY_WINDOW (window), g_variant_get_int64 (parameter));
}

/* Says once, in words, that passwords an older version kept in the cache
 * could not go to the keyring, when there is a window to say it in. */
static void
show_keyring_notice (StoryApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  if (self->keyring_notice == NULL || !STORY_IS_WINDOW (window))
    return;

  dialog = adw_message_dialog_new (window, _("Passwords Are Still in the Cache"),
                                   self->keyring_notice);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&self->keyring_notice, g_free);
}

static void
move_logins_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  StoryStore *store = task_data;
  GError *error = NULL;
  guint n_moved = 0;

  if (story_store_move_logins_to_keyring (store, &n_moved, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
logins_moved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoryApplication *self = STORY_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;

  g_message ("Passwords stay in the article cache: %s", error->message);
  self->keyring_notice = g_strdup (error->message);
  show_keyring_notice (self);
}

/* What needs the store: set up once it is open. */
static void
store_ready (StoryApplication *self)
{
  /* Passwords an older version kept in the cache go to the keyring, off the
   * main thread: it may take a moment, or ask to unlock the keyring. */
  {
    g_autoptr(GTask) task = g_task_new (self, NULL, logins_moved_cb, NULL);

    g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
    g_task_run_in_thread (task, move_logins_thread);
  }

  /* Held between syncs, the stories' clusterer would be most of this process's heap
   * (96 MiB at 100,000 articles); a sync loads it again in a few seconds. */
  story_store_set_keep_clusterer (self->store, FALSE);
  self->sync_manager = story_sync_manager_new (self->store);
  {
    g_autofree char *image_dir = story_image_cache_dup_default_dir ();

    self->image_cache = story_image_cache_new (image_dir);
    story_image_cache_set_http (self->image_cache,
                                story_sync_manager_get_http (self->sync_manager));
  }

  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_swapped (self->settings, "changed::download-images",
                            G_CALLBACK (update_image_downloads), self);
  g_signal_connect_swapped (self->settings, "changed::download-images-metered",
                            G_CALLBACK (update_image_downloads), self);
  g_signal_connect_swapped (self->network_monitor, "notify::network-metered",
                            G_CALLBACK (update_image_downloads), self);
  update_image_downloads (self);
  g_signal_connect_swapped (self->settings, "changed::retention-days",
                            G_CALLBACK (update_retention), self);
  update_retention (self);

  self->network_available = g_network_monitor_get_network_available (self->network_monitor);
  g_signal_connect (self->network_monitor, "network-changed", G_CALLBACK (network_changed_cb),
                    self);
  g_signal_connect_swapped (self->settings, "changed::sync-interval",
                            G_CALLBACK (sync_interval_changed_cb), self);
  sync_interval_changed_cb (self);
  self->sync_timeout_id = g_timeout_add_seconds (SCHEDULE_TICK_SECONDS, sync_timeout_cb, self);

  g_signal_connect_swapped (self->sync_manager, "notify::syncing",
                            G_CALLBACK (app_syncing_changed_cb), self);

  /* On first start, subscribe to the bundled sample so there is something to read offline. */
  if (!g_settings_get_boolean (self->settings, "sample-subscribed"))
    {
      self->sample_pending = TRUE;
      story_store_add_source_async (self->store, "json-feed", STORY_SAMPLE_FEED_URI, NULL, NULL,
                                    sample_added_cb, g_object_ref (self));
    }
}

/* The actions that work on the store wait for it. */
static const char * const store_actions[] = {
  "add-source", "sources", "import-opml", "export-opml", "preferences", "add-sample",
};

static void
set_store_actions_enabled (StoryApplication *self,
                           gboolean          enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (store_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              store_actions[i])),
                                 enabled);
}

typedef struct
{
  StoryStore *store;
  char       *damaged_cache_path;
  gint64      newest_id;
  GPtrArray  *themes;
} OpenedStore;

static void
opened_store_free (OpenedStore *opened)
{
  g_clear_object (&opened->store);
  g_free (opened->damaged_cache_path);
  g_clear_pointer (&opened->themes, g_ptr_array_unref);
  g_free (opened);
}

/* The sidebar's first list, as the window would ask for it (story_store_list_themes_async()
 * with the All filter): every theme with its first page of headlines. */
static GPtrArray *
list_first_themes (StoryStore  *store,
                   GError     **error)
{
  g_autoptr(GPtrArray) themes = NULL;

  themes = story_store_list_themes_filtered (store, STORY_ARTICLE_FILTER_ALL, FALSE, error);
  for (guint i = 0; themes != NULL && i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      g_autoptr(GPtrArray) page = NULL;

      page = story_store_list_theme_page (store, story_theme_get_id (theme),
                                          STORY_ARTICLE_FILTER_ALL, NULL, STORY_THEME_FIRST_PAGE,
                                          error);
      if (page == NULL)
        return NULL;
      story_theme_set_article_list (theme, page);
    }

  return g_steal_pointer (&themes);
}

/* Opening the cache can take a while: an old one is migrated to the current schema, a
 * damaged one put aside. It is done here, off the main thread, while the window says
 * that the articles are being prepared. */
static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  OpenedStore *opened = g_new0 (OpenedStore, 1);
  GError *error = NULL;

  opened->store = story_store_open_or_recover (path, &opened->damaged_cache_path, &error);
  if (opened->store == NULL)
    {
      opened_store_free (opened);
      g_task_return_error (task, error);
      return;
    }

  /* The window is being built and shown meanwhile: its first headlines are read now, so
   * that they are there for its first frame. */
  opened->themes = list_first_themes (opened->store, &error);
  if (opened->themes == NULL)
    {
      g_debug ("The first headlines were not read with the store: %s", error->message);
      g_clear_error (&error);
    }

  /* Notifications tell of articles above the newest one already here. Nothing else has
   * the store yet, so no sync can have added any. */
  opened->newest_id = story_store_get_newest_article_id (opened->store, &error);
  if (opened->newest_id < 0)
    {
      g_warning ("Could not look for the newest article: %s", error->message);
      g_clear_error (&error);
      opened->newest_id = 0;
    }

  g_task_return_pointer (task, opened, (GDestroyNotify)opened_store_free);
}

static void
present_store_error (StoryApplication *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("The Article Cache Could Not Be Opened"),
                                   self->store_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void start_window (StoryApplication *self,
                          StoryWindow      *window);

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoryApplication *self = STORY_APPLICATION (object);
  OpenedStore *opened;
  g_autoptr(GList) windows = NULL;

  /* Held while opening: without a window yet, the application would quit. */
  g_application_release (G_APPLICATION (self));

  opened = g_task_propagate_pointer (G_TASK (result), &self->store_error);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  if (opened == NULL)
    {
      g_warning ("Could not open the article cache: %s", self->store_error->message);
      present_store_error (self);
      for (GList *l = windows; l != NULL; l = l->next)
        if (STORY_IS_WINDOW (l->data))
          gtk_window_destroy (l->data);
      return;
    }

  self->store = g_steal_pointer (&opened->store);
  self->damaged_cache_path = g_steal_pointer (&opened->damaged_cache_path);
  self->newest_seen_id = opened->newest_id;
  self->first_themes = g_steal_pointer (&opened->themes);
  opened_store_free (opened);

  store_ready (self);
  set_store_actions_enabled (self, TRUE);

  for (GList *l = windows; l != NULL; l = l->next)
    if (STORY_IS_WINDOW (l->data))
      start_window (self, l->data);
}

/* GDK_DEBUG as the user left it, once GTK has opened the display: see
 * story_application_choose_renderer(). Other programs started from here (a browser for
 * a link) must not inherit it. */
static gboolean gdk_debug_set;

/* Whether story_application_choose_renderer() set GSK_RENDERER. */
static gboolean gsk_renderer_set;

static void
restore_gdk_debug (void)
{
  if (gdk_debug_set)
    g_unsetenv ("GDK_DEBUG");
  gdk_debug_set = FALSE;
}

/* WebKit's web context, made before the first window's reading pane asks for it. Where
 * the pane would draw without hardware acceleration anyway (no GPU, and the user did not
 * turn it on), WebKit is told so for the whole session: otherwise, making the context, it
 * sets up EGL for a compositor that will not run, and that loads Mesa's software
 * rasterizer and LLVM into this process (50 MiB). Turning acceleration on in the
 * preferences then takes effect at the next start. WebKit reads the variable when the
 * context is made; it is taken away again so that the web process, and programs started
 * from here, get the environment the user gave. A variable the user set wins. (WebKit
 * 2.50 still sets EGL up when it starts the web process for the first article.) */
static void
create_web_context (StoryApplication *self)
{
  g_autoptr(GVariant) chosen = g_settings_get_user_value (self->settings,
                                                          "hardware-acceleration");
  gboolean disable = story_application_pick_renderer ("/dev/dri") != NULL &&
                     (chosen == NULL || !g_variant_get_boolean (chosen)) &&
                     g_getenv ("WEBKIT_DISABLE_COMPOSITING_MODE") == NULL &&
                     g_getenv ("WEBKIT_FORCE_COMPOSITING_MODE") == NULL;

  if (disable)
    g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  webkit_web_context_get_default ();
  if (disable)
    g_unsetenv ("WEBKIT_DISABLE_COMPOSITING_MODE");
}

static void
story_application_startup (GApplication *application)
{
  StoryApplication *self = STORY_APPLICATION (application);
  g_autoptr(GTask) task = NULL;

  /* First, so that the store opens while GTK starts and the window is built. */
  g_application_hold (application);
  task = g_task_new (self, NULL, store_opened_cb, NULL);
  g_task_set_source_tag (task, story_application_startup);
  g_task_set_task_data (task, story_store_dup_default_path (), g_free);
  g_task_run_in_thread (task, open_store_thread);

  G_APPLICATION_CLASS (story_application_parent_class)->startup (application);
  restore_gdk_debug ();

  self->settings = g_settings_new (APP_ID);
  create_web_context (self);
  set_store_actions_enabled (self, FALSE);
}

/* Gives @window the store, and says once, in words, that a damaged cache was put aside
 * and why the list is empty. */
static void
start_window (StoryApplication *self,
              StoryWindow      *window)
{
  g_autoptr(GPtrArray) themes = g_steal_pointer (&self->first_themes);

  story_window_set_store (window, self->store, self->sync_manager, themes);
  self->window_started = TRUE;
  sync_at_start (self);

  if (self->damaged_cache_path != NULL)
    {
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      body = g_strdup_printf (_("Storyline could not read its article cache, so it kept the old "
                                "file as “%s” and started a new one. Your sources will sync "
                                "again; starred and read marks of the old cache are not in "
                                "the new one."),
                              self->damaged_cache_path);
      dialog = adw_message_dialog_new (GTK_WINDOW (window), _("The Article Cache Was Damaged"),
                                       body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"));
      gtk_window_present (GTK_WINDOW (dialog));
      g_clear_pointer (&self->damaged_cache_path, g_free);
      story_sync_manager_sync_async (self->sync_manager, NULL, 0, NULL, NULL, NULL);
    }

  show_keyring_notice (self);
}

static void
story_application_activate (GApplication *application)
{
  StoryApplication *self = STORY_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    {
      if (self->store_error != NULL)
        {
          present_store_error (self);
          return;
        }

      /* Until the store is open, the window says that the articles are being prepared. */
      window = GTK_WINDOW (story_window_new (GTK_APPLICATION (self), NULL, NULL, self->settings));
      if (self->store != NULL)
        start_window (self, STORY_WINDOW (window));
    }

  gtk_window_present (window);

  /* GTK reads GSK_RENDERER once, for the first window's renderer, and keeps its choice
   * for every later window: programs started from here (a browser for a link) get the
   * environment the user gave. */
  if (gsk_renderer_set && gtk_widget_get_realized (GTK_WIDGET (window)))
    {
      g_unsetenv ("GSK_RENDERER");
      gsk_renderer_set = FALSE;
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StoryApplication *self = user_data;
  const char *developers[] = { "The Storyline developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Storyline"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Storyline developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://storyline.invalid/",
                        "issue-url", "https://storyline.invalid/issues",
                        "comments", _("Read the news by story, even offline."),
                        "developers", developers,
                        "copyright", "© 2026 The Storyline developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
reload_windows (StoryApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (STORY_IS_WINDOW (l->data))
      story_window_reload (l->data);
}

static StorySourcesWindow *
present_sources_window (StoryApplication *self)
{
  if (self->store == NULL)
    return NULL;

  if (self->sources_window == NULL)
    {
      StorySourcesWindow *window = story_sources_window_new (self->store, self->sync_manager);

      gtk_window_set_transient_for (GTK_WINDOW (window),
                                    gtk_application_get_active_window (GTK_APPLICATION (self)));
      gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
      g_signal_connect_swapped (window, "sources-changed", G_CALLBACK (reload_windows), self);
      g_set_weak_pointer (&self->sources_window, GTK_WINDOW (window));
    }

  gtk_window_present (self->sources_window);
  return STORY_SOURCES_WINDOW (self->sources_window);
}

static void
add_source_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StorySourcesWindow *window = present_sources_window (user_data);

  if (window != NULL)
    story_sources_window_focus_address (window);
}

static void
sources_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  present_sources_window (user_data);
}

static void
show_error (StoryApplication *self,
            const char       *heading,
            const char       *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StoryApplication *self = source_object;
  GBytes *bytes = task_data;
  StoryOpmlImportStats *stats = g_new0 (StoryOpmlImportStats, 1);
  GError *error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (story_opml_import (self->store, data, size, stats, &error))
    g_task_return_pointer (task, stats, g_free);
  else
    {
      g_free (stats);
      g_task_return_error (task, error);
    }
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  StoryApplication *self = STORY_APPLICATION (object);
  g_autofree StoryOpmlImportStats *stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  StorySourcesWindow *window;

  stats = g_task_propagate_pointer (G_TASK (result), &error);
  if (stats == NULL)
    {
      show_error (self, _("Subscriptions Could Not Be Imported"), error->message);
      return;
    }

  window = present_sources_window (self);
  if (window != NULL)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u source",
                                           "Imported %u sources", stats->n_added),
                              stats->n_added);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (text));
    }

  if (stats->n_added > 0)
    sync_all (self, "import");
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StoryApplication) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      show_error (self, _("Subscriptions Could Not Be Imported"), error->message);
      return;
    }

  task = g_task_new (self, NULL, imported_cb, NULL);
  g_task_set_source_tag (task, import_loaded_cb);
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (task, import_thread);
}

static void
import_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    StoryApplication *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    g_file_load_bytes_async (file, NULL, import_loaded_cb, g_object_ref (self));

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileFilter *
opml_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Subscription Lists (OPML)"));
  gtk_file_filter_add_pattern (filter, "*.opml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");

  return filter;
}

static void
import_opml_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StoryApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = opml_filter ();

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Subscriptions"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StoryApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    show_error (self, _("Subscriptions Could Not Be Exported"), error->message);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StoryApplication *self = source_object;
  GError *error = NULL;
  char *opml = story_opml_export (self->store, &error);

  if (opml != NULL)
    g_task_return_pointer (task, opml, g_free);
  else
    g_task_return_error (task, error);
}

static void
export_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StoryApplication *self = STORY_APPLICATION (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  char *opml;
  GBytes *bytes;

  opml = g_task_propagate_pointer (G_TASK (result), &error);
  if (opml == NULL)
    {
      show_error (self, _("Subscriptions Could Not Be Exported"), error->message);
      return;
    }

  bytes = g_bytes_new_take (opml, strlen (opml));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, exported_cb, g_object_ref (self));
  g_bytes_unref (bytes);
}

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    StoryApplication *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, export_ready_cb, g_steal_pointer (&file));

      g_task_set_source_tag (task, export_response_cb);
      g_task_run_in_thread (task, export_thread);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_opml_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StoryApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = opml_filter ();

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Subscriptions"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "storyline-subscriptions.opml");
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StoryApplication *self = user_data;
  GtkWidget *preferences;

  if (self->store == NULL)
    return;

  preferences = story_preferences_window_new (self->settings, self->store, self->image_cache);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (GTK_WINDOW (preferences), TRUE);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The empty window offers the sample again, e.g. after it was removed. */
static void
add_sample_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  StoryApplication *self = user_data;

  if (self->store == NULL)
    return;

  story_store_add_source_async (self->store, "json-feed", STORY_SAMPLE_FEED_URI, NULL, NULL,
                                sample_added_cb, g_object_ref (self));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "add-source", add_source_action },
  { "sources", sources_action },
  { "import-opml", import_opml_action },
  { "export-opml", export_opml_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
  { "open-article", open_article_action, "x" },
  { "add-sample", add_sample_action },
};

static void
story_application_class_init (StoryApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = story_application_dispose;
  app_class->startup = story_application_startup;
  app_class->activate = story_application_activate;
}

static void
story_application_init (StoryApplication *self)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *add_source_accels[] = { "<Control>n", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.add-source",
                                         add_source_accels);
}

/* Drawing without a GPU.
 *
 * GTK 4.8 draws with OpenGL wherever it can get a context, and without a GPU Mesa still
 * gives it one: llvmpipe, which renders on the CPU through LLVM. For this app's windows,
 * text and lists on a flat background, that is the costlier way to draw on the CPU: on a
 * 2-core machine without a GPU, a frame of the scrolling sidebar took 54 ms of CPU time
 * with GL on llvmpipe and 26 ms with GTK's cairo renderer, and the process held about
 * 80 MiB more (LLVM, the GL context and its buffers). So where no GPU can be reached, the
 * windows are drawn with cairo. A GPU is taken to be reachable when the kernel offers a
 * DRM render node (what Mesa's drivers open; a Flatpak sees one with --device=dri) or the
 * NVIDIA driver's device. GSK_RENDERER, set by the user, always wins. */

/**
 * story_application_pick_renderer:
 * @dri_dir: where DRM devices are, /dev/dri
 *
 * Returns: (nullable): the GSK renderer to use, or %NULL for GTK's own choice
 */
const char *
story_application_pick_renderer (const char *dri_dir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (dri_dir != NULL, NULL);

  dir = g_dir_open (dri_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return NULL;

  if (g_file_test ("/dev/nvidia0", G_FILE_TEST_EXISTS))
    return NULL;

  return "cairo";
}

/**
 * story_application_choose_renderer:
 *
 * Call before GTK opens the display: picks cairo when there is no GPU to draw with, unless
 * the user set GSK_RENDERER.
 */
void
story_application_choose_renderer (void)
{
  const char *renderer;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  renderer = story_application_pick_renderer ("/dev/dri");
  if (renderer == NULL)
    return;
  g_setenv ("GSK_RENDERER", renderer, FALSE);
  gsk_renderer_set = TRUE;

  /* GTK 4.8's X11 backend sets up GL as it opens the display, only to choose a visual:
   * on llvmpipe that loads Mesa and LLVM into the process for nothing, cairo drawing the
   * windows. GDK_DEBUG=gl-disable stops it; it is read when GTK starts and taken away
   * again after (restore_gdk_debug()). A GDK_DEBUG the user set is left as it is. */
  if (g_getenv ("GDK_DEBUG") == NULL)
    {
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
      gdk_debug_set = TRUE;
    }
}

StoryStore *
story_application_get_store (StoryApplication *self)
{
  g_return_val_if_fail (STORY_IS_APPLICATION (self), NULL);

  return self->store;
}

StorySyncManager *
story_application_get_sync_manager (StoryApplication *self)
{
  g_return_val_if_fail (STORY_IS_APPLICATION (self), NULL);

  return self->sync_manager;
}

GSettings *
story_application_get_settings (StoryApplication *self)
{
  g_return_val_if_fail (STORY_IS_APPLICATION (self), NULL);

  return self->settings;
}
