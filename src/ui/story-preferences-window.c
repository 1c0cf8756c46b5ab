/* story-preferences-window.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences: every row is a GSettings key and takes effect at once; the
 * storage rows run their work on worker threads. */

#define G_LOG_DOMAIN "story-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "story-application.h"
#include "story-housekeeping.h"
#include "story-preferences-window.h"

struct _StoryPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  StoryStore           *store;
  StoryImageCache      *image_cache;
  GCancellable         *cancellable;

  AdwComboRow          *mark_read_row;
  AdwComboRow          *theme_row;
  AdwComboRow          *width_row;
  AdwComboRow          *font_row;
  AdwActionRow         *custom_font_row;
  GtkFontButton        *font_button;
  GtkSpinButton        *text_size_spin;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *remote_switch;
  GtkSwitch            *acceleration_switch;
  gboolean              updating_acceleration;
  GtkSwitch            *sync_at_start_switch;
  GtkSpinButton        *interval_spin;
  GtkSwitch            *images_switch;
  GtkSwitch            *metered_switch;
  AdwActionRow         *fetch_images_row;
  GtkButton            *fetch_images_button;
  GtkSpinButton        *retention_spin;
  AdwActionRow         *usage_row;
  GtkButton            *clean_up_button;
};

G_DEFINE_FINAL_TYPE (StoryPreferencesWindow, story_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const article_themes[] = { "auto", "light", "dark", "sepia" };
static const char * const article_widths[] = { "narrow", "medium", "wide", NULL };
static const char * const mark_read_modes[] = { "open", "delay", "never", NULL };
static const char * const article_fonts[] = { "", "serif", "sans-serif" };
#define CUSTOM_FONT G_N_ELEMENTS (article_fonts)

static void
show_usage (StoryPreferencesWindow *self,
            const StoryCacheUsage  *usage)
{
  g_autofree char *database = g_format_size (usage->database_bytes);
  g_autofree char *images = g_format_size (usage->image_bytes);
  g_autofree char *articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article",
                                                            "%u articles", usage->n_articles),
                                               usage->n_articles);
  g_autofree char *text = NULL;

  /* Translators: "120 articles: 3.2 MB of articles, 10 MB of images" */
  text = g_strdup_printf (_("%s: %s of articles, %s of images"), articles, database, images);
  adw_action_row_set_subtitle (self->usage_row, text);
}

static void
usage_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StoryPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  StoryCacheUsage usage;

  if (!story_housekeeping_usage_finish (result, &usage, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->usage_row, error->message);
      return;
    }

  show_usage (self, &usage);
}

static void
clean_up_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StoryPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  StoryCacheUsage usage;

  gtk_widget_set_sensitive (GTK_WIDGET (self->clean_up_button), TRUE);

  if (!story_housekeeping_clean_up_finish (result, &usage, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (error->message));
      return;
    }

  show_usage (self, &usage);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Old articles and unused images were removed")));
}

static void
clean_up_cb (StoryPreferencesWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->clean_up_button), FALSE);
  adw_action_row_set_subtitle (self->usage_row, _("Cleaning up…"));
  story_housekeeping_clean_up_async (self->store, self->image_cache,
                                     g_settings_get_int (self->settings, "retention-days"),
                                     self->cancellable, clean_up_done_cb, g_object_ref (self));
}

static void
fetch_images_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(StoryPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  StoryImageFetchStats stats;

  gtk_widget_set_sensitive (GTK_WIDGET (self->fetch_images_button), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->fetch_images_row), NULL);

  if (!story_housekeeping_fetch_images_finish (result, &stats, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (error->message));
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image downloaded",
                                       "%u images downloaded", stats.n_fetched),
                          stats.n_fetched);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
  story_housekeeping_usage_async (self->store, self->cancellable, usage_cb, g_object_ref (self));
}

static void
fetch_images_cb (StoryPreferencesWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->fetch_images_button), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->fetch_images_row), _("Downloading…"));
  story_housekeeping_fetch_images_async (self->store, self->image_cache, self->cancellable,
                                         fetch_images_done_cb, g_object_ref (self));
}

static gboolean
theme_to_index (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char *theme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (article_themes); i++)
    if (g_str_equal (theme, article_themes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_theme (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (article_themes[index < G_N_ELEMENTS (article_themes) ? index : 0]);
}

static gboolean
choice_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choice, choices[i]))
      g_value_set_uint (value, i);

  return TRUE;
}

static GVariant *
index_to_choice (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char * const *choices = user_data;
  guint index = g_value_get_uint (value);

  for (guint i = 0; choices[i] != NULL; i++)
    if (i == index)
      return g_variant_new_string (choices[i]);

  return g_variant_new_string (choices[0]);
}

/* The reading pane's zoom factor, shown in percent. */
static gboolean
zoom_to_percent (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
percent_to_zoom (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100.0);
}

/* The font row: the desktop's document font, serif, sans serif, or any
 * family from the font button. */
/* The switch shows what the reading pane does: left to Storyline (the key never set),
 * it draws with the graphics card only where one can be reached, as the pane decides
 * (story-reader-view.c); the key's default alone would say "on" on a machine without one. */
static void
acceleration_changed_cb (StoryPreferencesWindow *self)
{
  g_autoptr(GVariant) chosen = g_settings_get_user_value (self->settings, "hardware-acceleration");
  gboolean on = chosen != NULL ? g_variant_get_boolean (chosen)
                               : story_application_pick_renderer ("/dev/dri") == NULL;

  self->updating_acceleration = TRUE;
  gtk_switch_set_active (self->acceleration_switch, on);
  self->updating_acceleration = FALSE;
}

/* Only the user's own flip of the switch becomes their choice. */
static void
acceleration_toggled_cb (StoryPreferencesWindow *self)
{
  if (self->updating_acceleration)
    return;

  g_settings_set_boolean (self->settings, "hardware-acceleration",
                          gtk_switch_get_active (self->acceleration_switch));
}

static void
font_changed_cb (StoryPreferencesWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "article-font");
  guint index = CUSTOM_FONT;

  for (guint i = 0; i < G_N_ELEMENTS (article_fonts); i++)
    if (g_str_equal (font, article_fonts[i]))
      index = i;

  if (adw_combo_row_get_selected (self->font_row) != index)
    adw_combo_row_set_selected (self->font_row, index);
  gtk_widget_set_sensitive (GTK_WIDGET (self->custom_font_row), index == CUSTOM_FONT);
  if (index == CUSTOM_FONT)
    gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), font);
}

static void font_set_cb (StoryPreferencesWindow *self);

static void
font_row_selected_cb (StoryPreferencesWindow *self)
{
  guint index = adw_combo_row_get_selected (self->font_row);
  g_autofree char *family = NULL;

  if (index < G_N_ELEMENTS (article_fonts))
    {
      g_settings_set_string (self->settings, "article-font", article_fonts[index]);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->custom_font_row), TRUE);
  family = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (self->font_button));
  if (family != NULL && family[0] != '\0')
    font_set_cb (self);
}

static void
font_set_cb (StoryPreferencesWindow *self)
{
  PangoFontFamily *family = gtk_font_chooser_get_font_family (GTK_FONT_CHOOSER (self->font_button));

  if (family != NULL)
    g_settings_set_string (self->settings, "article-font", pango_font_family_get_name (family));
}

/* The old boolean key stays in step for older versions. */
static void
mark_read_changed_cb (StoryPreferencesWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "mark-read");

  g_settings_set_boolean (self->settings, "mark-read-on-open", !g_str_equal (mode, "never"));
}

static void
story_preferences_window_dispose (GObject *object)
{
  StoryPreferencesWindow *self = (StoryPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->image_cache);

  G_OBJECT_CLASS (story_preferences_window_parent_class)->dispose (object);
}

static void
story_preferences_window_class_init (StoryPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/story-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, mark_read_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, custom_font_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, text_size_spin);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow,
                                        notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, remote_switch);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, acceleration_switch);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, theme_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, width_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, sync_at_start_switch);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, images_switch);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, metered_switch);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, fetch_images_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, fetch_images_button);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, usage_row);
  gtk_widget_class_bind_template_child (widget_class, StoryPreferencesWindow, clean_up_button);
  gtk_widget_class_bind_template_callback (widget_class, clean_up_cb);
  gtk_widget_class_bind_template_callback (widget_class, fetch_images_cb);
  gtk_widget_class_bind_template_callback (widget_class, font_set_cb);
}

static void
story_preferences_window_init (StoryPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * story_preferences_window_new:
 *
 * Returns: (transfer full): the preferences window
 */
GtkWidget *
story_preferences_window_new (GSettings       *settings,
                              StoryStore      *store,
                              StoryImageCache *image_cache)
{
  StoryPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (STORY_IS_STORE (store), NULL);
  g_return_val_if_fail (STORY_IS_IMAGE_CACHE (image_cache), NULL);

  self = g_object_new (STORY_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);
  self->image_cache = g_object_ref (image_cache);

  /* Settings from before the mark-read key said "never" with a boolean. */
  if (!g_settings_get_boolean (settings, "mark-read-on-open"))
    {
      g_autoptr(GVariant) user_mode = g_settings_get_user_value (settings, "mark-read");

      if (user_mode == NULL)
        g_settings_set_string (settings, "mark-read", "never");
    }
  g_settings_bind_with_mapping (settings, "mark-read", self->mark_read_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_index, index_to_choice,
                                (gpointer)mark_read_modes, NULL);
  g_signal_connect_object (settings, "changed::mark-read", G_CALLBACK (mark_read_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind (settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::hardware-acceleration",
                           G_CALLBACK (acceleration_changed_cb), self, G_CONNECT_SWAPPED);
  acceleration_changed_cb (self);
  g_signal_connect_swapped (self->acceleration_switch, "notify::active",
                            G_CALLBACK (acceleration_toggled_cb), self);
  g_settings_bind (settings, "load-remote-new-sources", self->remote_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "article-font-size", self->text_size_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, zoom_to_percent, percent_to_zoom,
                                NULL, NULL);
  g_signal_connect_object (settings, "changed::article-font", G_CALLBACK (font_changed_cb),
                           self, G_CONNECT_SWAPPED);
  font_changed_cb (self);
  g_signal_connect_swapped (self->font_row, "notify::selected", G_CALLBACK (font_row_selected_cb),
                            self);
  g_settings_bind (settings, "sync-at-start", self->sync_at_start_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sync-interval", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "download-images", self->images_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "download-images-metered", self->metered_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "download-images", self->metered_switch, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "retention-days", self->retention_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "article-theme", self->theme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, theme_to_index, index_to_theme,
                                NULL, NULL);
  g_settings_bind_with_mapping (settings, "article-width", self->width_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_to_index, index_to_choice,
                                (gpointer)article_widths, NULL);

  story_housekeeping_usage_async (store, self->cancellable, usage_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}
