/* story-sidebar-row.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One row of the sidebar: a theme heading, or a headline under it.
 *
 * A list view of GTK 4.8 keeps 200 rows alive whatever its height, and builds, styles and
 * measures every one of them before its first frame, so a row is kept cheap: a headline
 * is three widgets placed by the row itself (the unread dot, the title and the source and
 * time line), and its two texts are StoryRowText, which lays its text out once for the
 * width it is given, where a GtkLabel that wraps lays it out several times to measure
 * it (that was most of the time the sidebar's first frame took). A theme heading's
 * widgets are made only when a row first shows a theme. */

#define G_LOG_DOMAIN "story-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "story-article.h"
#include "story-date.h"
#include "story-sidebar-row.h"
#include "story-theme.h"

/* StoryRowText: one paragraph of text, wrapped to at most a number of lines and ellipsized.
 * Its font and colour are its CSS node's, as a label's are; it asks for width-chars
 * (minimum) and max-width-chars (natural) characters' width without laying the text out. */

#define STORY_TYPE_ROW_TEXT (story_row_text_get_type ())
G_DECLARE_FINAL_TYPE (StoryRowText, story_row_text, STORY, ROW_TEXT, GtkWidget)

struct _StoryRowText
{
  GtkWidget    parent_instance;

  PangoLayout *layout;
  int          lines;
  int          width_chars;
  int          max_width_chars;
};

G_DEFINE_FINAL_TYPE (StoryRowText, story_row_text, GTK_TYPE_WIDGET)

static PangoLayout *
row_text_ensure_layout (StoryRowText *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (self->layout, -self->lines);
    }

  return self->layout;
}

/* The widest of a character and a digit in the widget's font, as GtkLabel counts
 * width-chars. Rows share a few fonts: each one's width is asked of Pango once. */
static int
row_text_char_width (StoryRowText *self)
{
  static GHashTable *widths;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  gpointer cached;

  if (widths == NULL)
    widths = g_hash_table_new_full ((GHashFunc)pango_font_description_hash,
                                    (GEqualFunc)pango_font_description_equal,
                                    (GDestroyNotify)pango_font_description_free, NULL);

  cached = g_hash_table_lookup (widths, font);
  if (cached == NULL)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);
      int width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                       pango_font_metrics_get_approximate_digit_width (metrics));

      pango_font_metrics_unref (metrics);
      cached = GINT_TO_POINTER (MAX (width, 1));
      g_hash_table_insert (widths, pango_font_description_copy (font), cached);
    }

  return GPOINTER_TO_INT (cached);
}

static void
story_row_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  StoryRowText *self = STORY_ROW_TEXT (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int char_width = row_text_char_width (self);

      *minimum = PANGO_PIXELS_CEIL (char_width * self->width_chars);
      *natural = MAX (*minimum, PANGO_PIXELS_CEIL (char_width * self->max_width_chars));
    }
  else
    {
      PangoLayout *layout = row_text_ensure_layout (self);
      int height;

      pango_layout_set_width (layout, for_size < 0 ? -1 : for_size * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, NULL, &height);
      *minimum = *natural = height;

    }
}

/* Wrapped text is as tall as the width makes it. */
static GtkSizeRequestMode
get_height_for_width (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
story_row_text_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  /* The width it was last measured for, as a rule: Pango keeps the lines. */
  pango_layout_set_width (row_text_ensure_layout (STORY_ROW_TEXT (widget)), width * PANGO_SCALE);
}

static void
story_row_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  StoryRowText *self = STORY_ROW_TEXT (widget);
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_append_layout (snapshot, row_text_ensure_layout (self), &color);
}

static void
story_row_text_dispose (GObject *object)
{
  g_clear_object (&STORY_ROW_TEXT (object)->layout);

  G_OBJECT_CLASS (story_row_text_parent_class)->dispose (object);
}

static void
story_row_text_class_init (StoryRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_row_text_dispose;
  widget_class->get_request_mode = get_height_for_width;
  widget_class->measure = story_row_text_measure;
  widget_class->size_allocate = story_row_text_size_allocate;
  widget_class->snapshot = story_row_text_snapshot;

  /* Styled as a label; a screen reader hears the row's own label, which says it all. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
story_row_text_init (StoryRowText *self)
{
  self->lines = 1;
}

static GtkWidget *
story_row_text_new (int lines,
                    int width_chars,
                    int max_width_chars)
{
  StoryRowText *self = g_object_new (STORY_TYPE_ROW_TEXT, NULL);

  self->lines = lines;
  self->width_chars = width_chars;
  self->max_width_chars = max_width_chars;

  return GTK_WIDGET (self);
}

static void
story_row_text_set_text (StoryRowText *self,
                         const char   *text,
                         gboolean      markup)
{
  PangoLayout *layout = row_text_ensure_layout (self);

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    {
      pango_layout_set_attributes (layout, NULL);
      pango_layout_set_text (layout, text, -1);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static const char *
story_row_text_get_text (StoryRowText *self)
{
  return pango_layout_get_text (row_text_ensure_layout (self));
}

struct _StorySidebarRow
{
  GtkWidget  parent_instance;

  GObject   *item;
  char     **highlight;  /* folded search terms to mark in the title */

  /* A theme heading, made when first needed. */
  GtkWidget *theme_box;
  GtkLabel  *theme_label;
  GtkLabel  *theme_count;
  GtkLabel  *theme_time;
  GtkWidget *followed_icon;

  /* A headline, placed by the row (see measure and size_allocate). */
  GtkWidget    *unread_dot;
  StoryRowText *title_text;
  StoryRowText *meta_text;

  guint      clock_id;   /* refreshes the relative time */
  gboolean   shown_read; /* the read state the headline shows */
};

G_DEFINE_FINAL_TYPE (StorySidebarRow, story_sidebar_row, GTK_TYPE_WIDGET)

/* A headline's geometry, as the template with boxes had it: the dot and the title side
 * by side, the source and time under the title. */
#define HEADLINE_MARGIN_Y  4
#define HEADLINE_SPACING_Y 2
#define DOT_SIZE           8
#define DOT_MARGIN_TOP     5
#define DOT_SPACING        6
#define TEXT_START         (DOT_SIZE + DOT_SPACING)

static void
ensure_theme_widgets (StorySidebarRow *self)
{
  GtkWidget *box, *label, *icon;

  if (self->theme_box != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 4);

  label = gtk_label_new (NULL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  self->theme_label = GTK_LABEL (label);

  icon = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_tooltip_text (icon, _("You follow this theme"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("You follow this theme"), -1);
  gtk_widget_add_css_class (icon, "accent");
  gtk_box_append (GTK_BOX (box), icon);
  self->followed_icon = icon;

  label = gtk_label_new (NULL);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  self->theme_time = GTK_LABEL (label);

  label = gtk_label_new (NULL);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  self->theme_count = GTK_LABEL (label);

  gtk_widget_set_parent (box, GTK_WIDGET (self));
  self->theme_box = box;
}

static void
ensure_headline_widgets (StorySidebarRow *self)
{
  if (self->unread_dot != NULL)
    return;

  self->unread_dot = gtk_image_new_from_icon_name ("story-unread-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->unread_dot), DOT_SIZE);
  gtk_widget_set_tooltip_text (self->unread_dot, _("Unread"));
  gtk_widget_add_css_class (self->unread_dot, "accent");
  gtk_widget_set_parent (self->unread_dot, GTK_WIDGET (self));

  self->title_text = STORY_ROW_TEXT (story_row_text_new (3, 20, 40));
  gtk_widget_set_parent (GTK_WIDGET (self->title_text), GTK_WIDGET (self));

  self->meta_text = STORY_ROW_TEXT (story_row_text_new (1, 0, 0));
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_text), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_text), "caption");
  gtk_widget_set_parent (GTK_WIDGET (self->meta_text), GTK_WIDGET (self));
}

static gboolean
showing_headline (StorySidebarRow *self)
{
  return self->unread_dot != NULL && gtk_widget_get_visible (self->unread_dot);
}

static void
story_sidebar_row_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  StorySidebarRow *self = STORY_SIDEBAR_ROW (widget);
  int title_min, title_nat, meta_min, meta_nat;
  int text_width;

  if (!showing_headline (self))
    {
      *minimum = *natural = 0;
      if (self->theme_box != NULL && gtk_widget_get_visible (self->theme_box))
        gtk_widget_measure (self->theme_box, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (GTK_WIDGET (self->title_text), orientation, -1, &title_min, &title_nat,
                          NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (self->meta_text), orientation, -1, &meta_min, &meta_nat,
                          NULL, NULL);
      *minimum = TEXT_START + MAX (title_min, meta_min);
      *natural = TEXT_START + MAX (title_nat, meta_nat);
      return;
    }

  text_width = for_size < 0 ? -1 : MAX (for_size - TEXT_START, 1);
  gtk_widget_measure (GTK_WIDGET (self->title_text), orientation, text_width, &title_min, &title_nat,
                      NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->meta_text), orientation, text_width, &meta_min, &meta_nat,
                      NULL, NULL);
  *minimum = 2 * HEADLINE_MARGIN_Y + MAX (title_min, DOT_MARGIN_TOP + DOT_SIZE) +
             HEADLINE_SPACING_Y + meta_min;
  *natural = 2 * HEADLINE_MARGIN_Y + MAX (title_nat, DOT_MARGIN_TOP + DOT_SIZE) +
             HEADLINE_SPACING_Y + meta_nat;
}

static void
allocate_child (GtkWidget *row,
                GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height)
{
  /* Mirrored for right-to-left text: the dot on the right. */
  if (gtk_widget_get_direction (row) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (row) - x - width;

  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
story_sidebar_row_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  StorySidebarRow *self = STORY_SIDEBAR_ROW (widget);
  int text_width = MAX (width - TEXT_START, 1);
  int title_height, meta_height, unused;

  if (!showing_headline (self))
    {
      if (self->theme_box != NULL && gtk_widget_get_visible (self->theme_box))
        gtk_widget_size_allocate (self->theme_box, &(GtkAllocation) { 0, 0, width, height }, -1);
      return;
    }

  gtk_widget_measure (GTK_WIDGET (self->title_text), GTK_ORIENTATION_VERTICAL, text_width,
                      &title_height, &unused, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->meta_text), GTK_ORIENTATION_VERTICAL, text_width,
                      &meta_height, &unused, NULL, NULL);

  allocate_child (widget, self->unread_dot, 0, HEADLINE_MARGIN_Y + DOT_MARGIN_TOP,
                  DOT_SIZE, DOT_SIZE);
  allocate_child (widget, GTK_WIDGET (self->title_text), TEXT_START, HEADLINE_MARGIN_Y,
                  text_width, title_height);
  allocate_child (widget, GTK_WIDGET (self->meta_text), TEXT_START,
                  HEADLINE_MARGIN_Y + MAX (title_height, DOT_MARGIN_TOP + DOT_SIZE) +
                  HEADLINE_SPACING_Y,
                  text_width, meta_height);
}

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
  const char *meta = story_row_text_get_text (self->meta_text);
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
  self->shown_read = read;
  gtk_widget_set_opacity (self->unread_dot, read ? 0.0 : 1.0);
  if (read)
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_text), "heading");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->title_text), "heading");
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
      story_row_text_set_text (self->title_text, title, FALSE);
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

  story_row_text_set_text (self->title_text, markup->str, TRUE);
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
  story_row_text_set_text (self->meta_text, meta, FALSE);
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

  /* Not told by a handler on the headline: GObject keeps a handler's books on the
   * instance until it goes, even once disconnected, and the sidebar may hold 68,000
   * headlines that rows have shown (3 MB). The window calls
   * story_sidebar_row_update_read_state() where it changes what is read. */
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

/**
 * story_sidebar_row_update_read_state:
 *
 * Shows the read state of the headline the row shows, if it changed since.
 */
void
story_sidebar_row_update_read_state (StorySidebarRow *self)
{
  g_return_if_fail (STORY_IS_SIDEBAR_ROW (self));

  if (STORY_IS_ARTICLE (self->item) &&
      story_article_get_read (STORY_ARTICLE (self->item)) != self->shown_read)
    update_read_state (self);
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

  return self->theme_time != NULL ? gtk_label_get_text (self->theme_time) : "";
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

  if (STORY_IS_THEME (item))
    ensure_theme_widgets (self);
  else if (STORY_IS_ARTICLE (item))
    ensure_headline_widgets (self);

  if (self->theme_box != NULL)
    gtk_widget_set_visible (self->theme_box, STORY_IS_THEME (item));
  if (self->unread_dot != NULL)
    {
      gtk_widget_set_visible (self->unread_dot, STORY_IS_ARTICLE (item));
      gtk_widget_set_visible (GTK_WIDGET (self->title_text), STORY_IS_ARTICLE (item));
      gtk_widget_set_visible (GTK_WIDGET (self->meta_text), STORY_IS_ARTICLE (item));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));

  if (STORY_IS_THEME (item))
    show_theme (self, STORY_THEME (item));
  else if (STORY_IS_ARTICLE (item))
    show_article (self, STORY_ARTICLE (item));
}

static void
story_sidebar_row_dispose (GObject *object)
{
  StorySidebarRow *self = (StorySidebarRow *)object;
  GtkWidget *child;

  story_sidebar_row_set_item (self, NULL);
  g_clear_pointer (&self->highlight, g_strfreev);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->theme_box = NULL;
  self->unread_dot = NULL;

  G_OBJECT_CLASS (story_sidebar_row_parent_class)->dispose (object);
}

static void
story_sidebar_row_class_init (StorySidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_sidebar_row_dispose;
  widget_class->get_request_mode = get_height_for_width;
  widget_class->measure = story_sidebar_row_measure;
  widget_class->size_allocate = story_sidebar_row_size_allocate;
}

static void
story_sidebar_row_init (StorySidebarRow *self)
{
  /* Fill the expander, so a theme's time and count sit at the right edge. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
story_sidebar_row_new (void)
{
  return g_object_new (STORY_TYPE_SIDEBAR_ROW, NULL);
}
