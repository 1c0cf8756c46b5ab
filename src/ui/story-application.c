/* story-application.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-application"

#include "config.h"

#include <glib/gi18n.h>

#include "story-application.h"
#include "story-window.h"

struct _StoryApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;
  StoryStore       *store;
  StorySyncManager *sync_manager;
  GError           *store_error;
  char             *damaged_cache_path;
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

  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->damaged_cache_path, g_free);

  G_OBJECT_CLASS (story_application_parent_class)->dispose (object);
}

static void
sample_synced_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StoryApplication) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  if (reports == NULL)
    g_warning ("Could not load the sample source: %s", error->message);
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
      return;
    }

  g_settings_set_boolean (self->settings, "sample-subscribed", TRUE);

  source_id = story_source_get_id (source);
  story_sync_manager_sync_async (self->sync_manager, &source_id, 1, NULL, sample_synced_cb,
                                 g_object_ref (self));
}

static void
story_application_startup (GApplication *application)
{
  StoryApplication *self = STORY_APPLICATION (application);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (story_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);

  path = story_store_dup_default_path ();
  self->store = story_store_open_or_recover (path, &self->damaged_cache_path, &self->store_error);
  if (self->store == NULL)
    {
      g_warning ("Could not open the article cache: %s", self->store_error->message);
      return;
    }

  self->sync_manager = story_sync_manager_new (self->store);
  {
    g_autofree char *image_dir = story_image_cache_dup_default_dir ();
    g_autoptr(StoryImageCache) image_cache = story_image_cache_new (image_dir);

    story_sync_manager_set_image_cache (self->sync_manager, image_cache);
  }
  story_sync_manager_set_retention_days (self->sync_manager,
                                         g_settings_get_int (self->settings, "retention-days"));

  /* On first start, subscribe to the bundled sample so there is something to read offline. */
  if (!g_settings_get_boolean (self->settings, "sample-subscribed"))
    story_store_add_source_async (self->store, "json-feed", STORY_SAMPLE_FEED_URI, NULL, NULL,
                                  sample_added_cb, g_object_ref (self));
}

static void
story_application_activate (GApplication *application)
{
  StoryApplication *self = STORY_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    {
      if (self->store == NULL)
        {
          GtkWidget *dialog;

          dialog = adw_message_dialog_new (NULL, _("The Article Cache Could Not Be Opened"),
                                           self->store_error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
          gtk_application_add_window (GTK_APPLICATION (application), GTK_WINDOW (dialog));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }

      window = GTK_WINDOW (story_window_new (GTK_APPLICATION (self), self->store, self->sync_manager,
                                             self->settings));
    }

  gtk_window_present (window);

  /* Say once, in words, that a damaged cache was put aside and why the list is empty. */
  if (self->damaged_cache_path != NULL)
    {
      g_autofree char *body = NULL;
      GtkWidget *dialog;

      body = g_strdup_printf (_("Storyline could not read its article cache, so it kept the old "
                                "file as “%s” and started a new one. Your sources will sync "
                                "again; starred and read marks of the old cache are not in "
                                "the new one."),
                              self->damaged_cache_path);
      dialog = adw_message_dialog_new (window, _("The Article Cache Was Damaged"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"));
      gtk_window_present (GTK_WINDOW (dialog));
      g_clear_pointer (&self->damaged_cache_path, g_free);
      story_sync_manager_sync_async (self->sync_manager, NULL, 0, NULL, NULL, NULL);
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
                        "comments", _("Read the news by story, even offline."),
                        "developers", developers,
                        "copyright", "© 2026 The Storyline developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
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

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
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
