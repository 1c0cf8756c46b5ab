/* story-sidebar-row.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One row of the sidebar: a theme heading, or a headline under it. */

#define G_LOG_DOMAIN "story-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "story-article.h"
#include "story-date.h"
#include "story-sidebar-row.h"
#include "story-theme.h"

struct _StorySidebarRow
{
  GtkWidget  parent_instance;

  GObject   *item;
  char     **highlight;  /* folded search terms to mark in the title */

  GtkWidget *theme_box;
  GtkLabel  *theme_label;
  GtkLabel  *theme_count;
  GtkLabel  *theme_time;
  GtkWidget *followed_icon;
  GtkWidget *article_box;
  GtkLabel  *title_label;
  GtkLabel  *meta_label;
  GtkWidget *unread_dot;
  guint      clock_id;   /* refreshes the relative time */
};

G_DEFINE_FINAL_TYPE (StorySidebarRow, story_sidebar_row, GTK_TYPE_WIDGET)

static const char *
headline_text (StoryArticle *article)
{
  const char *title = story_article_get_title (article);

  if (title == NULL)
    title = story_article_get_summary (article);
  if (title == NULL)
    title = _("Untitled article");

  return title;
}

/* A screen reader hears the title, the source and time, and the read state. */
static void
update_accessible_label (StorySidebarRow *self)
{
  StoryArticle *article = STORY_ARTICLE (self->item);
  const char *meta = gtk_label_get_text (self->meta_label);
  g_autofree char *accessible = NULL;

  if (story_article_get_read (article))
    /* Translators: how a screen reader announces a read headline: title, then source and time */
    accessible = g_strdup_printf (_("%s, %s, read"), headline_text (article), meta);
  else
    /* Translators: how a screen reader announces an unread headline: title, then source and time */
    accessible = g_strdup_printf (_("%s, %s, unread"), headline_text (article), meta);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
update_read_state (StorySidebarRow *self)
{
  StoryArticle *article = STORY_ARTICLE (self->item);
  gboolean read = story_article_get_read (article);

  /* The dot keeps its place when read, so titles stay aligned. */
  gtk_widget_set_opacity (self->unread_dot, read ? 0.0 : 1.0);
  if (read)
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  update_accessible_label (self);
}

static void update_theme_heading (StorySidebarRow *self);

static void
update_theme_counts (StorySidebarRow *self)
{
  StoryTheme *theme = STORY_THEME (self->item);
  int unread = story_theme_get_unread_count (theme);
  g_autofree char *text = g_strdup_printf ("%d", unread);

  gtk_label_set_text (self->theme_count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->theme_count), unread > 0);
  /* The accessible label names the count with the time: keep them together. */
  update_theme_heading (self);
}

static gboolean
word_matches (StorySidebarRow *self,
              const char      *word)
{
  g_autofree char *ascii = g_str_to_ascii (word, NULL);
  g_autofree char *folded = g_utf8_casefold (ascii, -1);

  for (guint i = 0; self->highlight[i] != NULL; i++)
    {
      g_autofree char *term = g_str_to_ascii (self->highlight[i], NULL);

      if (term[0] != '\0' && g_str_has_prefix (folded, term))
        return TRUE;
    }

  return FALSE;
}

/* The title, with the words a search matched (by prefix, ignoring case and
 * accents, as the search itself does) underlined. */
static void
set_title_text (StorySidebarRow *self,
                const char      *title)
{
  GString *markup;
  const char *p = title;

  if (self->highlight == NULL || self->highlight[0] == NULL)
    {
      gtk_label_set_text (self->title_label, title);
      return;
    }

  markup = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *start = p;
      gboolean in_word = g_unichar_isalnum (g_utf8_get_char (p));
      g_autofree char *piece = NULL;
      g_autofree char *escaped = NULL;

      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)) == in_word)
        p = g_utf8_next_char (p);

      piece = g_strndup (start, p - start);
      escaped = g_markup_escape_text (piece, -1);
      if (in_word && word_matches (self, piece))
        g_string_append_printf (markup, "<span underline=\"single\" weight=\"bold\">%s</span>",
                                escaped);
      else
        g_string_append (markup, escaped);
    }

  gtk_label_set_markup (self->title_label, markup->str);
  g_string_free (markup, TRUE);
}

/**
 * story_sidebar_row_set_highlight:
 * @terms: (nullable) (array zero-terminated=1): folded search terms
 */
void
story_sidebar_row_set_highlight (StorySidebarRow    *self,
                                 const char * const *terms)
{
  g_return_if_fail (STORY_IS_SIDEBAR_ROW (self));

  g_strfreev (self->highlight);
  self->highlight = g_strdupv ((char **)terms);

  if (STORY_IS_ARTICLE (self->item))
    {
      StoryArticle *article = STORY_ARTICLE (self->item);
      const char *title = story_article_get_title (article);

      set_title_text (self, title ? title : (story_article_get_summary (article) ?: ""));
    }
}

static void
update_time (StorySidebarRow *self)
{
  StoryArticle *article = STORY_ARTICLE (self->item);
  const char *source = story_article_get_source_title (article);
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;

  when = story_date_format_relative (story_article_get_published (article),
                                     g_get_real_time () / G_USEC_PER_SEC);
  meta = when[0] != '\0' ? g_strdup_printf ("%s · %s", source ? source : "", when)
                         : g_strdup (source ? source : "");
  gtk_label_set_text (self->meta_label, meta);
}

/* "5 min ago" grows older while the row is on screen. */
static gboolean
clock_tick_cb (gpointer user_data)
{
  StorySidebarRow *self = user_data;

  update_time (self);
  update_accessible_label (self);

  return G_SOURCE_CONTINUE;
}

static void
show_article (StorySidebarRow *self,
              StoryArticle    *article)
{
  set_title_text (self, headline_text (article));
  update_time (self);
  update_read_state (self);

  g_signal_connect_object (article, "notify::read", G_CALLBACK (update_read_state), self,
                           G_CONNECT_SWAPPED);
  self->clock_id = g_timeout_add_seconds (60, clock_tick_cb, self);
}

/* The theme's name, when it last had news, and for a screen reader both
 * with the unread count. */
static void
update_theme_heading (StorySidebarRow *self)
{
  StoryTheme *theme = STORY_THEME (self->item);
  const char *label = story_theme_get_label (theme);
  int unread = story_theme_get_unread_count (theme);
  g_autofree char *when = NULL;
  g_autofree char *accessible = NULL;

  when = story_date_format_relative (story_theme_get_latest (theme),
                                     g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->theme_label, label);
  gtk_label_set_text (self->theme_time, when);
  gtk_widget_set_visible (GTK_WIDGET (self->theme_time), when[0] != '\0');
  gtk_widget_set_visible (self->followed_icon, story_theme_get_followed (theme));

  /* Translators: how a screen reader announces a theme: its name, its latest
   * article's time ("3 hours ago") and how many articles are unread */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, %d unread",
                                             "%s, %s, %d unread", unread),
                                label ? label : "", when, unread);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  if (story_theme_get_followed (theme))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("You follow this theme"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* "5 min ago" on a theme grows older while the row is on screen, as a
 * headline's time does. */
static gboolean
theme_clock_tick_cb (gpointer user_data)
{
  update_theme_heading (user_data);

  return G_SOURCE_CONTINUE;
}

static void
show_theme (StorySidebarRow *self,
            StoryTheme      *theme)
{
  update_theme_counts (self);
  g_signal_connect_object (theme, "notify::unread-count", G_CALLBACK (update_theme_counts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (theme, "notify::label", G_CALLBACK (update_theme_heading), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (theme, "notify::latest", G_CALLBACK (update_theme_heading), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (theme, "notify::followed", G_CALLBACK (update_theme_heading), self,
                           G_CONNECT_SWAPPED);
  self->clock_id = g_timeout_add_seconds (60, theme_clock_tick_cb, self);
}

/* Returns: (transfer none) (nullable): the #StoryTheme or #StoryArticle shown */
GObject *
story_sidebar_row_get_item (StorySidebarRow *self)
{
  g_return_val_if_fail (STORY_IS_SIDEBAR_ROW (self), NULL);

  return self->item;
}

/* Returns: (transfer none): the relative time of the theme's latest article,
 * as shown; for tests */
const char *
story_sidebar_row_get_theme_time (StorySidebarRow *self)
{
  g_return_val_if_fail (STORY_IS_SIDEBAR_ROW (self), NULL);

  return gtk_label_get_text (self->theme_time);
}

/**
 * story_sidebar_row_set_item:
 * @item: (nullable): a #StoryTheme or a #StoryArticle
 */
void
story_sidebar_row_set_item (StorySidebarRow *self,
                            GObject         *item)
{
  g_return_if_fail (STORY_IS_SIDEBAR_ROW (self));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_set_object (&self->item, item);

  gtk_widget_set_visible (self->theme_box, STORY_IS_THEME (item));
  gtk_widget_set_visible (self->article_box, STORY_IS_ARTICLE (item));

  if (STORY_IS_THEME (item))
    show_theme (self, STORY_THEME (item));
  else if (STORY_IS_ARTICLE (item))
    show_article (self, STORY_ARTICLE (item));
}

static void
story_sidebar_row_dispose (GObject *object)
{
  StorySidebarRow *self = (StorySidebarRow *)object;

  story_sidebar_row_set_item (self, NULL);
  g_clear_pointer (&self->highlight, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), STORY_TYPE_SIDEBAR_ROW);

  G_OBJECT_CLASS (story_sidebar_row_parent_class)->dispose (object);
}

static void
story_sidebar_row_class_init (StorySidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_sidebar_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/story-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, theme_box);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, theme_label);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, theme_count);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, theme_time);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, followed_icon);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, article_box);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, StorySidebarRow, unread_dot);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
story_sidebar_row_init (StorySidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Fill the expander, so a theme's time and count sit at the right edge. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
story_sidebar_row_new (void)
{
  return g_object_new (STORY_TYPE_SIDEBAR_ROW, NULL);
}
