/* story-sources-window.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a reader adds a source by pasting an address, sees how each source is
 * doing (when it last synced, or what is wrong with it, in words) and
 * removes the ones they no longer want. */

#define G_LOG_DOMAIN "story-sources-window"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "story-discovery.h"
#include "story-provider.h"
#include "story-secrets.h"
#include "story-sources-window.h"
#include "story-util.h"

struct _StorySourcesWindow
{
  AdwPreferencesWindow  parent_instance;

  StoryStore           *store;
  StorySyncManager     *sync_manager;
  GCancellable         *cancellable;
  char                 *status;
  GHashTable           *icons;   /* icon URL → GdkTexture, or a NULL value while loading/failed */
  GSettings            *settings;
  StoryDiscovery       *needs_key;    /* (nullable): the source waiting for its API key */
  char                 *pending_key;  /* (nullable): a key to store once its source exists */

  AdwEntryRow          *address_row;
  AdwPasswordEntryRow  *key_row;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkListBox           *found_list;
  GtkListBox           *sources_list;
};

G_DEFINE_FINAL_TYPE (StorySourcesWindow, story_sources_window, ADW_TYPE_PREFERENCES_WINDOW)

/* A source with what the sync engine remembers about it. */
typedef struct
{
  StorySource          *source;
  StorySourceSyncState  state;
} SourceEntry;

static void
source_entry_free (SourceEntry *entry)
{
  g_clear_object (&entry->source);
  story_source_sync_state_clear (&entry->state);
  g_free (entry);
}

enum {
  SOURCES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void subscribe (StorySourcesWindow *self,
                       const char         *kind,
                       const char         *url,
                       const char         *title,
                       const char         *api_key);

/**
 * story_source_dup_state_text:
 *
 * Returns: (transfer full): how the source is doing, in words: its last
 *   error, or when it last synced
 */
char *
story_source_dup_state_text (StorySource *source)
{
  g_autoptr(GDateTime) synced = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  gint64 last_sync = story_source_get_last_sync (source);

  if (story_source_get_last_error (source) != NULL)
    return g_strdup (story_source_get_last_error (source));

  if (last_sync <= 0)
    return g_strdup (_("Not synced yet"));

  synced = g_date_time_new_from_unix_local (last_sync);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (synced) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (synced) == g_date_time_get_day_of_year (now))
    {
      time = g_date_time_format (synced, "%H:%M");
      /* Translators: %s is a time of day, like 14:05 */
      return g_strdup_printf (_("Synced today at %s"), time);
    }

  time = g_date_time_format (synced, "%x");
  /* Translators: %s is a date */
  return g_strdup_printf (_("Last synced on %s"), time);
}

/* Work finishing after the window closed has nothing left to show. */
static gboolean
is_disposed (StorySourcesWindow *self)
{
  return self->sources_list == NULL;
}

static void
set_busy (StorySourcesWindow *self,
          gboolean            busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
}

/* A key is wiped from memory, not only freed. */
static void
clear_key (char **key)
{
  if (*key != NULL)
    memset (*key, 0, strlen (*key));
  g_clear_pointer (key, g_free);
}

static void
hide_key_row (StorySourcesWindow *self)
{
  g_clear_pointer (&self->needs_key, story_discovery_free);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), FALSE);
}

static void
set_status (StorySourcesWindow *self,
            const char         *text,
            gboolean            is_error)
{
  g_free (self->status);
  self->status = g_strdup (text);

  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        break;
      gtk_list_box_remove (list, child);
    }
}

/* Removing a source */

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!is_disposed (self))
        set_status (self, error->message, TRUE);
      return;
    }

  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StorySourcesWindow *self = source_object;
  GError *error = NULL;

  /* The store takes the source's secrets out of the keyring with it. */
  if (story_store_remove_source (self->store, *(gint64 *)task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  StorySourcesWindow *self = STORY_SOURCES_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gint64 *source_id = user_data;
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "remove"))
    return;

  task = g_task_new (self, NULL, removed_cb, g_object_ref (self));
  g_task_set_source_tag (task, remove_response_cb);
  g_task_set_task_data (task, g_memdup2 (source_id, sizeof *source_id), g_free);
  g_task_run_in_thread (task, remove_thread);
}

static void
remove_clicked_cb (GtkButton          *button,
                   StorySourcesWindow *self)
{
  StorySource *source = g_object_get_data (G_OBJECT (button), "source");
  g_autofree char *address = story_url_redact (story_source_get_url (source));
  const char *name = story_source_get_title (source) ?: address;
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), name);
  gint64 *source_id = g_new (gint64, 1);
  GtkWidget *dialog;

  *source_id = story_source_get_id (source);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its articles are removed from this computer too, "
                                     "starred ones included."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), source_id,
                         (GClosureNotify)(void (*) (void))g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Source icons: fetched once per window, small, off the main thread. */

#define ICON_MAX_BYTES (512 * 1024)
#define ICON_SIZE      24

/* The fetch holds its own reference on the HTTP client: the window (and the
 * sync manager that owns the client) may go away while it runs. */
typedef struct
{
  StoryHttp *http;
  char      *url;
} IconFetch;

static void
icon_fetch_free (IconFetch *fetch)
{
  g_clear_object (&fetch->http);
  g_free (fetch->url);
  g_free (fetch);
}

static void
icon_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  IconFetch *fetch = task_data;
  StoryHttpRequest request = { fetch->url, "image/*", NULL, NULL, ICON_MAX_BYTES };
  g_autoptr(StoryHttpResponse) response = NULL;
  GError *error = NULL;
  GdkTexture *texture;

  response = story_http_get (fetch->http, &request, NULL, cancellable, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (response->body == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "No icon");
      return;
    }

  /* Decoding a texture from bytes is safe on a worker thread. */
  texture = gdk_texture_new_from_bytes (response->body, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
unref_texture (gpointer texture)
{
  if (texture != NULL)
    g_object_unref (texture);
}

static void
set_row_icons (StorySourcesWindow *self,
               const char         *url,
               GdkTexture         *texture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkImage *image = g_object_get_data (G_OBJECT (child), "icon");
      const char *icon_url = g_object_get_data (G_OBJECT (child), "icon-url");

      if (image != NULL && g_strcmp0 (icon_url, url) == 0)
        gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
    }
}

static void
icon_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  StorySourcesWindow *self = STORY_SOURCES_WINDOW (object);
  g_autofree char *url = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No icon for a source: %s", error->message);
      return;
    }

  if (is_disposed (self))
    return;

  g_hash_table_replace (self->icons, g_strdup (url), g_object_ref (texture));
  set_row_icons (self, url, texture);
}

static GtkWidget *
create_source_icon (StorySourcesWindow *self,
                    StorySource        *source)
{
  const char *url = story_source_get_icon_url (source);
  GtkWidget *image = gtk_image_new_from_icon_name ("application-rss+xml-symbolic");
  GdkTexture *texture;

  gtk_image_set_pixel_size (GTK_IMAGE (image), ICON_SIZE);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);

  if (url == NULL || !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    return image;

  if (g_hash_table_lookup_extended (self->icons, url, NULL, (gpointer *)&texture))
    {
      if (texture != NULL)
        gtk_image_set_from_paintable (GTK_IMAGE (image), GDK_PAINTABLE (texture));
      return image;
    }

  /* Remember the attempt at once, so each icon is asked for once. */
  g_hash_table_insert (self->icons, g_strdup (url), NULL);
  {
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, icon_loaded_cb, g_strdup (url));
    IconFetch *fetch = g_new0 (IconFetch, 1);

    fetch->http = g_object_ref (story_sync_manager_get_http (self->sync_manager));
    fetch->url = g_strdup (url);
    g_task_set_source_tag (task, create_source_icon);
    g_task_set_task_data (task, fetch, (GDestroyNotify)icon_fetch_free);
    g_task_run_in_thread (task, icon_thread);
  }

  return image;
}

/* The list of sources */

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, NULL);
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

/* A source named by id is synced even while it backs off: the reader asked. */
static void
retry_clicked_cb (GtkButton          *button,
                  StorySourcesWindow *self)
{
  StorySource *source = g_object_get_data (G_OBJECT (button), "source");
  gint64 source_id = story_source_get_id (source);

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  story_sync_manager_sync_async (self->sync_manager, &source_id, 1, self->cancellable,
                                 retried_cb, g_object_ref (self));
}

/* The choices of sync interval, in minutes; 0 is the application's. */
static const int intervals[] = { 0, 15, 60, 6 * 60, 24 * 60 };

static void
interval_set_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not change a sync interval: %s", error->message);
}

static void
interval_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  StorySourcesWindow *self = source_object;
  gint64 *args = task_data;
  GError *error = NULL;

  if (story_store_set_sync_interval (self->store, args[0], (int)args[1], &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
interval_selected_cb (GtkDropDown        *drop_down,
                      GParamSpec         *pspec,
                      StorySourcesWindow *self)
{
  StorySource *source = g_object_get_data (G_OBJECT (drop_down), "source");
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GTask) task = NULL;
  gint64 *args;

  if (selected >= G_N_ELEMENTS (intervals))
    return;

  args = g_new (gint64, 2);
  args[0] = story_source_get_id (source);
  args[1] = intervals[selected];
  task = g_task_new (self, NULL, interval_set_cb, NULL);
  g_task_set_source_tag (task, interval_selected_cb);
  g_task_set_task_data (task, args, g_free);
  g_task_run_in_thread (task, interval_thread);
}

static GtkWidget *
create_interval_drop_down (StorySourcesWindow *self,
                           SourceEntry        *entry)
{
  const char * const labels[] = {
    C_("sync interval", "Default"),
    C_("sync interval", "Every 15 Minutes"),
    C_("sync interval", "Hourly"),
    C_("sync interval", "Every 6 Hours"),
    C_("sync interval", "Daily"),
    NULL,
  };
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (labels);
  guint selected = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (intervals) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == entry->state.sync_interval)
      selected = i;

  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (drop_down, "flat");
  gtk_widget_set_tooltip_text (drop_down, _("How Often to Sync"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  g_object_set_data_full (G_OBJECT (drop_down), "source", g_object_ref (entry->source),
                          g_object_unref);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (interval_selected_cb), self);

  return drop_down;
}

/* The error, and when the source will be tried again on its own. */
static char *
dup_state_text (SourceEntry *entry)
{
  g_autofree char *state = story_source_dup_state_text (entry->source);
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *time = NULL;

  if (story_source_get_last_error (entry->source) == NULL ||
      entry->state.next_attempt <= g_get_real_time () / G_USEC_PER_SEC)
    return g_steal_pointer (&state);

  next = g_date_time_new_from_unix_local (entry->state.next_attempt);
  time = g_date_time_format (next, "%H:%M");
  /* Translators: the first %s is an error message, the second a time of day */
  return g_strdup_printf (_("%s. Trying again at %s"), state, time);
}

static GtkWidget *
create_source_row (StorySourcesWindow *self,
                   SourceEntry        *entry)
{
  StorySource *source = entry->source;
  g_autofree char *state = dup_state_text (entry);
  /* The address may carry a password: never on screen. */
  g_autofree char *address = story_url_redact (story_source_get_url (source));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  GtkWidget *icon;
  GtkWidget *drop_down;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 story_source_get_title (source) ?: address);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  gtk_widget_set_tooltip_text (row, address);

  icon = create_source_icon (self, source);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data_full (G_OBJECT (row), "icon-url",
                          g_strdup (story_source_get_icon_url (source)), g_free);

  if (story_source_get_last_error (source) != NULL)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Error"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);

      button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Try Again"));
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "source", g_object_ref (source), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (retry_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "retry-button", button);
    }

  drop_down = create_interval_drop_down (self, entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  g_object_set_data (G_OBJECT (row), "interval", drop_down);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Source"));
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "source", g_object_ref (source), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_object_set_data_full (G_OBJECT (row), "source", g_object_ref (source), g_object_unref);

  return row;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StoryStore *store = task_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;

  sources = story_store_list_sources (store, &error);
  if (sources == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)source_entry_free);
  for (guint i = 0; i < sources->len; i++)
    {
      SourceEntry *entry = g_new0 (SourceEntry, 1);

      entry->source = g_object_ref (g_ptr_array_index (sources, i));
      story_store_get_sync_state (store, story_source_get_id (entry->source), &entry->state, NULL);
      g_ptr_array_add (entries, entry);
    }

  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify)g_ptr_array_unref);
}

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StorySourcesWindow *self = STORY_SOURCES_WINDOW (object);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (is_disposed (self))
    return;
  if (entries == NULL)
    {
      g_warning ("Could not list sources: %s", error->message);
      return;
    }

  clear_list (self->sources_list);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->sources_list,
                         create_source_row (self, g_ptr_array_index (entries, i)));
}

static void
reload (StorySourcesWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, sources_loaded_cb, NULL);

  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/* Adding a source */

static void
first_sync_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  StorySyncReport *report;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
  if (is_disposed (self))
    return;
  set_busy (self, FALSE);
  if (reports == NULL || reports->len == 0)
    return;

  report = g_ptr_array_index (reports, 0);
  if (report->error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Subscribed, but the first sync failed: %s"),
                                               report->error->message);

      set_status (self, text, TRUE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Subscribed to “%s”"), report->source_title);

      set_status (self, NULL, FALSE);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
    }
}

static void first_sync (StorySourcesWindow *self,
                        gint64              source_id);

static void
unwanted_removed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (!is_disposed (self))
    reload (self);
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;

  if (!story_secrets_store_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (is_disposed (self))
    return;

  source = g_object_steal_data (G_OBJECT (self), "storing-source");
  if (error != NULL)
    {
      g_autoptr(GTask) task = NULL;
      gint64 source_id = story_source_get_id (source);
      g_autofree char *text = g_strdup_printf (_("The API key could not be kept in the keyring, "
                                                 "so the source was not added: %s"),
                                               error->message);

      /* A source that can never sync is no use: it goes again. */
      task = g_task_new (self, NULL, unwanted_removed_cb, g_object_ref (self));
      g_task_set_source_tag (task, key_stored_cb);
      g_task_set_task_data (task, g_memdup2 (&source_id, sizeof source_id), g_free);
      g_task_run_in_thread (task, remove_thread);
      set_busy (self, FALSE);
      set_status (self, text, TRUE);
      return;
    }

  first_sync (self, story_source_get_id (source));
}

static void
source_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id;

  source = story_store_add_source_finish (STORY_STORE (object), result, &error);
  if (is_disposed (self))
    {
      clear_key (&self->pending_key);
      return;
    }
  if (source == NULL)
    {
      clear_key (&self->pending_key);
      set_busy (self, FALSE);
      set_status (self, error->message, TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->found_list), FALSE);
  clear_list (self->found_list);
  hide_key_row (self);
  reload (self);

  source_id = story_source_get_id (source);

  /* The key goes to the keyring before the first sync, which needs it. */
  if (self->pending_key != NULL)
    {
      const char *name = story_source_get_title (source);
      g_autofree char *label = NULL;

      /* Translators: the name of the item in the desktop keyring; %s is a source */
      label = g_strdup_printf (_("Storyline API key for “%s”"),
                               name != NULL ? name : story_source_get_kind (source));
      set_status (self, _("Subscribed; keeping the API key in the keyring…"), FALSE);
      g_object_set_data_full (G_OBJECT (self), "storing-source", g_object_ref (source),
                              g_object_unref);
      story_secrets_store_async (source_id, STORY_SECRET_API_KEY, label, self->pending_key,
                                 self->cancellable, key_stored_cb, g_object_ref (self));
      clear_key (&self->pending_key);
      return;
    }

  first_sync (self, source_id);
}

static void
first_sync (StorySourcesWindow *self,
            gint64              source_id)
{
  set_status (self, _("Subscribed; fetching its articles…"), FALSE);

  /* The preference for new sources; each source can change it later from
   * the article menu. Queued before the sync, so its articles open with it. */
  if (g_settings_get_boolean (self->settings, "load-remote-new-sources"))
    story_store_set_source_load_remote_async (self->store, source_id, TRUE, NULL, NULL, NULL);

  story_sync_manager_sync_async (self->sync_manager, &source_id, 1, self->cancellable,
                                 first_sync_cb, g_object_ref (self));
}

static void
subscribe (StorySourcesWindow *self,
           const char         *kind,
           const char         *url,
           const char         *title,
           const char         *api_key)
{
  set_busy (self, TRUE);
  clear_key (&self->pending_key);
  self->pending_key = g_strdup (api_key);
  story_store_add_source_async (self->store, kind, url, title, self->cancellable,
                                source_added_cb, g_object_ref (self));
}

/* A source that needs a key waits for it, in the row under the address. */
static void
ask_for_key (StorySourcesWindow *self,
             StoryDiscovery     *discovery)
{
  const StoryProvider *provider = story_provider_for_kind (discovery->kind);
  const char *service = story_provider_get_display_name (provider);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->needs_key, story_discovery_free);
  self->needs_key = discovery;

  /* Translators: %s is a service, like “The Guardian” or “Miniflux” */
  title = g_strdup_printf (_("API Key for %s"), service);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), title);
  /* Translators: %s is a service, like “The Guardian” or “Miniflux” */
  text = g_strdup_printf (_("%s needs an API key. Storyline keeps it in your keyring."), service);
  set_status (self, text, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
key_apply_cb (StorySourcesWindow *self)
{
  g_autofree char *key = NULL;

  if (self->needs_key == NULL)
    return;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  if (key[0] == '\0')
    {
      set_status (self, _("Enter the API key, or another address"), TRUE);
      return;
    }

  subscribe (self, self->needs_key->kind, self->needs_key->feed_url, self->needs_key->feed_title,
             key);
  clear_key (&key);
}

static void
found_subscribe_cb (GtkButton          *button,
                    StorySourcesWindow *self)
{
  StoryFeedLink *link = g_object_get_data (G_OBJECT (button), "link");

  subscribe (self, STORY_PROVIDER_JSON_FEED, link->url, link->title, NULL);
}

static void
show_links (StorySourcesWindow *self,
            GPtrArray          *links)
{
  clear_list (self->found_list);

  for (guint i = 0; i < links->len; i++)
    {
      StoryFeedLink *link = g_ptr_array_index (links, i);
      StoryFeedLink *copy = g_new0 (StoryFeedLink, 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Subscribe"));
      /* A page fetched with a password passes it on to its relative links:
       * never on screen. */
      g_autofree char *shown = story_url_redact (link->url);

      copy->url = g_strdup (link->url);
      copy->title = g_strdup (link->title);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->title ?: shown);
      if (link->title != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data_full (G_OBJECT (button), "link", copy,
                              (GDestroyNotify)story_feed_link_free);
      g_signal_connect (button, "clicked", G_CALLBACK (found_subscribe_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      g_object_set_data (G_OBJECT (row), "button", button);
      gtk_list_box_append (self->found_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->found_list), TRUE);
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StorySourcesWindow) self = user_data;
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;

  discovery = story_discover_finish (result, &error);
  if (is_disposed (self))
    return;
  if (discovery == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      set_status (self, error->message, TRUE);
      return;
    }

  if (discovery->feed_url != NULL && discovery->needs_login)
    {
      const StoryProvider *provider = story_provider_for_kind (discovery->kind);
      g_autofree char *text = NULL;

      /* Translators: %s is a service, like “Nextcloud News” */
      text = g_strdup_printf (_("%s needs your user name and an app password: paste the address "
                                "as https://user:app-password@server/"),
                              story_provider_get_display_name (provider));
      set_busy (self, FALSE);
      set_status (self, text, TRUE);
      return;
    }

  if (discovery->feed_url != NULL && discovery->needs_api_key && discovery->api_key == NULL)
    {
      set_busy (self, FALSE);
      ask_for_key (self, g_steal_pointer (&discovery));
      return;
    }

  if (discovery->feed_url != NULL)
    {
      subscribe (self, discovery->kind, discovery->feed_url, discovery->feed_title,
                 discovery->api_key);
      return;
    }

  set_busy (self, FALSE);
  set_status (self,
              g_dngettext (GETTEXT_PACKAGE, "This web site offers a feed:",
                           "This web site offers these feeds:", discovery->links->len),
              FALSE);
  show_links (self, discovery->links);
}

static void
address_apply_cb (StorySourcesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_row));

  story_sources_window_add_address (self, text);
}

/**
 * story_sources_window_add_address:
 * @address: what the user pasted
 *
 * Looks at @address and subscribes to the feed there, or offers the feeds a
 * page links to, or says why neither works.
 */
void
story_sources_window_add_address (StorySourcesWindow *self,
                                  const char         *address)
{
  g_autofree char *url = NULL;

  g_return_if_fail (STORY_IS_SOURCES_WINDOW (self));

  url = story_discovery_normalize_url (address);
  if (url == NULL)
    {
      set_status (self, _("Enter the address of a JSON Feed or of a web site"), TRUE);
      return;
    }

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->address_row)), address) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);

  gtk_widget_set_visible (GTK_WIDGET (self->found_list), FALSE);
  hide_key_row (self);
  set_status (self, _("Looking for a feed…"), FALSE);
  set_busy (self, TRUE);
  story_discover_async (story_sync_manager_get_http (self->sync_manager), url, self->cancellable,
                        discovered_cb, g_object_ref (self));
}

void
story_sources_window_focus_address (StorySourcesWindow *self)
{
  g_return_if_fail (STORY_IS_SOURCES_WINDOW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

GtkListBox *
story_sources_window_get_sources_list (StorySourcesWindow *self)
{
  g_return_val_if_fail (STORY_IS_SOURCES_WINDOW (self), NULL);

  return self->sources_list;
}

/* The row asking for an API key, shown when a source needs one. */
GtkWidget *
story_sources_window_get_key_row (StorySourcesWindow *self)
{
  g_return_val_if_fail (STORY_IS_SOURCES_WINDOW (self), NULL);

  return GTK_WIDGET (self->key_row);
}

GtkListBox *
story_sources_window_get_found_list (StorySourcesWindow *self)
{
  g_return_val_if_fail (STORY_IS_SOURCES_WINDOW (self), NULL);

  return self->found_list;
}

/* The line under the address: progress, or what went wrong. */
const char *
story_sources_window_get_status (StorySourcesWindow *self)
{
  g_return_val_if_fail (STORY_IS_SOURCES_WINDOW (self), NULL);

  return self->status;
}

static void
syncing_changed_cb (StorySourcesWindow *self)
{
  if (!story_sync_manager_get_syncing (self->sync_manager))
    reload (self);
}

static void
parent_destroyed_cb (StorySourcesWindow *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
}

/* Background work may keep this window alive after its parent is gone, and
 * GTK 4.8 would then unhook itself from a finalized parent: let go of the
 * parent as it is destroyed. */
static void
transient_for_changed_cb (StorySourcesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    g_signal_connect_object (parent, "destroy", G_CALLBACK (parent_destroyed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
story_sources_window_dispose (GObject *object)
{
  StorySourcesWindow *self = (StorySourcesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  if (self->sync_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_manager, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STORY_TYPE_SOURCES_WINDOW);

  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (story_sources_window_parent_class)->dispose (object);
}

static void
story_sources_window_finalize (GObject *object)
{
  StorySourcesWindow *self = (StorySourcesWindow *)object;

  g_free (self->status);
  g_clear_pointer (&self->icons, g_hash_table_unref);
  g_clear_pointer (&self->needs_key, story_discovery_free);
  clear_key (&self->pending_key);

  G_OBJECT_CLASS (story_sources_window_parent_class)->finalize (object);
}

static void
story_sources_window_class_init (StorySourcesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_sources_window_dispose;
  object_class->finalize = story_sources_window_finalize;

  /* Emitted when a source was added (and synced once) or removed. */
  signals[SOURCES_CHANGED] =
    g_signal_new ("sources-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/story-sources-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StorySourcesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, StorySourcesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, StorySourcesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, StorySourcesWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, StorySourcesWindow, found_list);
  gtk_widget_class_bind_template_child (widget_class, StorySourcesWindow, sources_list);
  gtk_widget_class_bind_template_callback (widget_class, address_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
story_sources_window_init (StorySourcesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_texture);
  g_signal_connect (self, "notify::transient-for", G_CALLBACK (transient_for_changed_cb), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

/**
 * story_sources_window_new:
 *
 * Returns: (transfer full): a window managing the sources of @store
 */
StorySourcesWindow *
story_sources_window_new (StoryStore       *store,
                          StorySyncManager *sync_manager)
{
  StorySourcesWindow *self;

  g_return_val_if_fail (STORY_IS_STORE (store), NULL);
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (sync_manager), NULL);

  self = g_object_new (STORY_TYPE_SOURCES_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->sync_manager = g_object_ref (sync_manager);
  g_signal_connect_swapped (sync_manager, "notify::syncing", G_CALLBACK (syncing_changed_cb),
                            self);
  reload (self);

  return self;
}
