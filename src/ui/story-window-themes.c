/* story-window-themes.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the reader can do with a theme from the sidebar: rename it, merge it
 * into another, move an article out of it, follow it or mute it, and see in
 * the reading pane why an article is in it. Every change goes to the store on
 * its own thread; the sidebar reloads when it is saved. */

#define G_LOG_DOMAIN "story-window"

#include "config.h"

#include <glib/gi18n.h>

#include "story-window-private.h"

#define TERMS_CANCELLABLE_KEY "story-theme-terms-cancellable"

#define SECONDS_PER_DAY (24 * 60 * 60)

static StoryTheme *
find_theme (StoryWindow *self,
            gint64       theme_id)
{
  GListModel *themes = story_window_get_themes (self);
  guint n = g_list_model_get_n_items (themes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);

      if (story_theme_get_id (theme) == theme_id)
        return theme;
    }

  return NULL;
}

static void
show_error (StoryWindow *self,
            const char  *what,
            GError      *error)
{
  g_autofree char *title = NULL;

  g_warning ("%s: %s", what, error->message);

  /* The store's messages are written for the reader. */
  /* Translators: %s says what went wrong, like "There is no theme with id 4" */
  title = g_strdup_printf (_("The theme was not changed: %s"), error->message);
  _story_window_add_toast (self, adw_toast_new (title));
}

/* Every theme edit ends here: the sidebar shows the store's new state, and
 * the reading pane keeps its article. */
static void
theme_edited (StoryWindow *self,
              gboolean     ok,
              const char  *what,
              GError      *error)
{
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error (self, what, error);
    }

  story_window_reload (self);
}

static void
renamed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = story_store_rename_theme_finish (STORY_STORE (object), result, &error);

  theme_edited (self, ok, "Could not rename a theme", error);
}

static void
moved_out_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = story_store_move_out_of_theme_finish (STORY_STORE (object), result, &error);

  theme_edited (self, ok, "Could not move an article out of its theme", error);
}

static void
merged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = story_store_merge_themes_finish (STORY_STORE (object), result, &error);

  theme_edited (self, ok, "Could not merge two themes", error);
}

static void
followed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = story_store_set_theme_followed_finish (STORY_STORE (object), result, &error);

  theme_edited (self, ok, "Could not follow a theme", error);
}

static void
muted_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = story_store_mute_theme_finish (STORY_STORE (object), result, &error);

  theme_edited (self, ok, "Could not mute a theme", error);
}

/* Rename Theme… */

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", text[0] != '\0');
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    StoryWindow      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 theme_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "theme-id");

  if (!g_str_equal (response, "rename"))
    return;

  story_store_rename_theme_async (_story_window_get_store (self), theme_id,
                                  gtk_editable_get_text (entry), NULL, renamed_cb,
                                  g_object_ref (self));
}

static void
rename_theme_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StoryWindow *self = user_data;
  gint64 theme_id = g_variant_get_int64 (parameter);
  StoryTheme *theme = find_theme (self, theme_id);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (theme == NULL || theme_id == STORY_THEME_ID_NONE)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Theme"),
                                   _("New articles and regrouping keep the name you choose."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), story_theme_get_label (theme) ?: "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Theme name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog);

  g_object_set_data_full (G_OBJECT (dialog), "theme-id",
                          g_memdup2 (&theme_id, sizeof theme_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Merge Into… */

/* Returns: the theme picked in the merge dialog, or %STORY_THEME_ID_NONE */
static gint64
picked_merge_target (AdwMessageDialog *dialog)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "theme-list");

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (gtk_check_button_get_active (check))
        return *(gint64 *)g_object_get_data (G_OBJECT (row), "theme-id");
    }

  return STORY_THEME_ID_NONE;
}

static void
merge_target_toggled_cb (GtkCheckButton   *check,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "merge",
                                           picked_merge_target (dialog) != STORY_THEME_ID_NONE);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   StoryWindow      *self)
{
  gint64 from_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "theme-id");
  gint64 into_id = picked_merge_target (dialog);

  if (!g_str_equal (response, "merge") || into_id == STORY_THEME_ID_NONE)
    return;

  story_store_merge_themes_async (_story_window_get_store (self), into_id, from_id, NULL,
                                  merged_cb, g_object_ref (self));
}

/* The other themes as a list of radio rows: nothing is picked until the
 * reader picks it, so Merge never goes to a theme by accident. */
static GtkWidget *
merge_target_list_new (StoryWindow      *self,
                       AdwMessageDialog *dialog,
                       gint64            from_id)
{
  GListModel *themes = story_window_get_themes (self);
  GtkWidget *list = gtk_list_box_new ();
  GtkCheckButton *group = NULL;
  guint n = g_list_model_get_n_items (themes);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Themes"), -1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);
      gint64 id = story_theme_get_id (theme);
      GtkWidget *row;
      GtkWidget *check;

      if (id == from_id || id == STORY_THEME_ID_NONE)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), story_theme_get_label (theme));
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      g_signal_connect (check, "toggled", G_CALLBACK (merge_target_toggled_cb), dialog);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data_full (G_OBJECT (row), "theme-id", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

static void
merge_theme_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  StoryWindow *self = user_data;
  gint64 theme_id = g_variant_get_int64 (parameter);
  StoryTheme *theme = find_theme (self, theme_id);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;

  if (theme == NULL || theme_id == STORY_THEME_ID_NONE)
    return;

  /* Translators: %s is a theme's name */
  body = g_strdup_printf (_("Pick the theme that “%s” joins. It keeps its own name, and the "
                            "articles of both stay together from now on."),
                          story_theme_get_label (theme));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Merge Into Another Theme"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = merge_target_list_new (self, ADW_MESSAGE_DIALOG (dialog), theme_id);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  /* The scrolled window only frames the list, which the responses read. */
  g_object_set_data (G_OBJECT (dialog), "theme-list", list);

  g_object_set_data_full (G_OBJECT (dialog), "theme-id",
                          g_memdup2 (&theme_id, sizeof theme_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Move Out of This Theme, Follow, Mute */

static void
move_out_of_theme_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StoryWindow *self = user_data;

  story_store_move_out_of_theme_async (_story_window_get_store (self),
                                       g_variant_get_int64 (parameter), NULL, moved_out_cb,
                                       g_object_ref (self));
}

static void
follow_theme_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StoryWindow *self = user_data;
  gint64 theme_id = g_variant_get_int64 (parameter);
  StoryTheme *theme = find_theme (self, theme_id);
  gboolean follow;

  if (theme == NULL || theme_id == STORY_THEME_ID_NONE)
    return;

  follow = !story_theme_get_followed (theme);
  story_theme_set_followed (theme, follow);
  story_store_set_theme_followed_async (_story_window_get_store (self), theme_id, follow, NULL,
                                        followed_cb, g_object_ref (self));
  _story_window_add_toast (self, adw_toast_new (follow ? _("You follow this theme now")
                                                       : _("You no longer follow this theme")));
}

static void
mute_theme_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  StoryWindow *self = user_data;
  g_autofree char *title = NULL;
  StoryTheme *theme;
  AdwToast *toast;
  gint64 theme_id;
  gint64 days;
  gint64 until;

  g_variant_get (parameter, "(xx)", &theme_id, &days);
  theme = find_theme (self, theme_id);
  if (theme == NULL || theme_id == STORY_THEME_ID_NONE || days < 0)
    return;

  until = days == 0 ? STORY_THEME_MUTED_FOREVER
                    : g_get_real_time () / G_USEC_PER_SEC + days * SECONDS_PER_DAY;
  story_store_mute_theme_async (_story_window_get_store (self), theme_id, until, NULL, muted_cb,
                                g_object_ref (self));

  /* Translators: %s is a theme's name */
  title = g_strdup_printf (_("“%s” is muted"), story_theme_get_label (theme));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.unmute-theme");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (theme_id));
  _story_window_add_toast (self, toast);
}

static void
unmute_theme_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StoryWindow *self = user_data;

  story_store_mute_theme_async (_story_window_get_store (self), g_variant_get_int64 (parameter), 0,
                                NULL, muted_cb, g_object_ref (self));
}

/* Muted Themes… */

static void
unmute_clicked_cb (GtkButton   *button,
                   StoryWindow *self)
{
  gint64 theme_id = *(gint64 *)g_object_get_data (G_OBJECT (button), "theme-id");

  story_store_mute_theme_async (_story_window_get_store (self), theme_id, 0, NULL, muted_cb,
                                g_object_ref (self));
  /* The row stays, so the list does not jump under the pointer; it says it is done. */
  gtk_button_set_label (button, _("Unmuted"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static char *
describe_mute (StoryTheme *theme)
{
  gint64 until = story_theme_get_muted_until (theme);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (until == STORY_THEME_MUTED_FOREVER)
    return g_strdup (_("Muted for good"));

  when = g_date_time_new_from_unix_local (until);
  if (when == NULL)
    return g_strdup (_("Muted for good"));

  /* Translators: a date in "Muted until %s", see g_date_time_format() ("%e"
   * would pad single-digit days with a figure space) */
  date = g_date_time_format (when, _("%-d %B, %H:%M"));
  /* Translators: %s is a date and time, like "4 December, 22:48" */
  return g_strdup_printf (_("Muted until %s"), date);
}

static GtkWidget *
muted_list_new (StoryWindow *self,
                GPtrArray   *themes)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Muted themes"), -1);

  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      gint64 id = story_theme_get_id (theme);
      g_autofree char *subtitle = describe_mute (theme);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Unmute"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), story_theme_get_label (theme));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "theme-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (unmute_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

static void
muted_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  themes = story_store_list_muted_themes_finish (STORY_STORE (object), result, &error);
  if (themes == NULL)
    {
      g_warning ("Could not list the muted themes: %s", error->message);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Muted Themes"),
                                   themes->len > 0
                                   ? _("Muted themes are hidden with their articles until the "
                                       "time runs out or you unmute them.")
                                   : _("No theme is muted. Mute one from its menu in the "
                                       "sidebar to hide it for a day, a week or for good."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  if (themes->len > 0)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *list = muted_list_new (self, themes);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
      g_object_set_data (G_OBJECT (dialog), "theme-list", list);
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_muted_themes_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StoryWindow *self = user_data;

  story_store_list_muted_themes_async (_story_window_get_store (self), NULL, muted_listed_cb,
                                       g_object_ref (self));
}

static const GActionEntry theme_actions[] = {
  { "show-muted-themes", show_muted_themes_cb },
  { "rename-theme", rename_theme_cb, "x" },
  { "merge-theme", merge_theme_cb, "x" },
  { "move-out-of-theme", move_out_of_theme_cb, "x" },
  { "follow-theme", follow_theme_cb, "x" },
  { "mute-theme", mute_theme_cb, "(xx)" },
  { "unmute-theme", unmute_theme_cb, "x" },
};

void
_story_window_themes_init (StoryWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), theme_actions,
                                   G_N_ELEMENTS (theme_actions), self);
}

/* The context menu's items */

static void
append_theme_item (GMenu      *menu,
                   const char *label,
                   const char *action,
                   GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static void
append_theme_items (GMenu      *menu,
                    StoryTheme *theme)
{
  gint64 id = story_theme_get_id (theme);
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) follow = g_menu_new ();
  g_autoptr(GMenu) mute = g_menu_new ();

  append_theme_item (edit, _("Re_name Theme…"), "win.rename-theme", g_variant_new_int64 (id));
  append_theme_item (edit, _("_Merge Into…"), "win.merge-theme", g_variant_new_int64 (id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  append_theme_item (follow, story_theme_get_followed (theme) ? _("Un_follow") : _("_Follow"),
                     "win.follow-theme", g_variant_new_int64 (id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (follow));

  append_theme_item (mute, _("Mute for a _Day"), "win.mute-theme",
                     g_variant_new ("(xx)", id, (gint64)1));
  append_theme_item (mute, _("Mute for a _Week"), "win.mute-theme",
                     g_variant_new ("(xx)", id, (gint64)7));
  append_theme_item (mute, _("Mute for _Good"), "win.mute-theme",
                     g_variant_new ("(xx)", id, (gint64)0));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (mute));
}

/**
 * _story_window_themes_dup_theme_menu:
 *
 * Returns: (transfer full) (nullable): the context menu of a theme row;
 *   %NULL for "Other news", which is no theme to edit
 */
GMenu *
_story_window_themes_dup_theme_menu (StoryWindow *self,
                                     StoryTheme  *theme)
{
  GMenu *menu;

  g_return_val_if_fail (STORY_IS_WINDOW (self), NULL);
  g_return_val_if_fail (STORY_IS_THEME (theme), NULL);

  if (story_theme_get_id (theme) == STORY_THEME_ID_NONE)
    return NULL;

  menu = g_menu_new ();
  append_theme_items (menu, theme);

  return menu;
}

/* Adds the article's theme actions to a headline's context menu. */
void
_story_window_themes_add_article_items (StoryWindow  *self,
                                        GMenu        *menu,
                                        StoryArticle *article)
{
  gint64 theme_id;
  StoryTheme *theme;
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GMenu) theme_menu = NULL;

  g_return_if_fail (STORY_IS_WINDOW (self));
  g_return_if_fail (G_IS_MENU (menu));
  g_return_if_fail (STORY_IS_ARTICLE (article));

  theme_id = story_article_get_theme_id (article);
  theme = find_theme (self, theme_id);
  if (theme_id == STORY_THEME_ID_NONE || theme == NULL)
    return;

  /* The theme's own actions stay one level down: the headline's come first. */
  theme_menu = g_menu_new ();
  append_theme_items (theme_menu, theme);

  section = g_menu_new ();
  append_theme_item (section, _("Move _Out of This Theme"), "win.move-out-of-theme",
                     g_variant_new_int64 (story_article_get_id (article)));
  g_menu_append_submenu (section, _("_Theme"), G_MENU_MODEL (theme_menu));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

/* "In this theme for: …" */

static void
terms_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) terms = NULL;
  StoryReaderView *reader;
  StoryArticle *shown;
  gint64 article_id;

  article_id = *(gint64 *)g_task_get_task_data (G_TASK (result));
  terms = story_store_dup_shared_terms_finish (STORY_STORE (object), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not find why an article is in its theme: %s", error->message);
      return;
    }

  /* The reader may have moved on to another article meanwhile. */
  reader = story_window_get_reader (self);
  shown = story_reader_view_get_article (reader);
  if (shown != NULL && story_article_get_id (shown) == article_id)
    story_reader_view_set_theme_terms (reader, (const char * const *)terms);
}

/* Looks up why the article now in the reading pane is in its theme. */
void
_story_window_themes_article_shown (StoryWindow  *self,
                                    StoryArticle *article)
{
  GCancellable *previous = g_object_get_data (G_OBJECT (self), TERMS_CANCELLABLE_KEY);
  GCancellable *cancellable;

  g_return_if_fail (STORY_IS_WINDOW (self));
  g_return_if_fail (STORY_IS_ARTICLE (article));

  if (previous != NULL)
    g_cancellable_cancel (previous);

  if (story_article_get_theme_id (article) == STORY_THEME_ID_NONE)
    {
      g_object_set_data (G_OBJECT (self), TERMS_CANCELLABLE_KEY, NULL);
      return;
    }

  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), TERMS_CANCELLABLE_KEY, cancellable, g_object_unref);
  story_store_dup_shared_terms_async (_story_window_get_store (self),
                                      story_article_get_id (article), cancellable,
                                      terms_found_cb, g_object_ref (self));
}
