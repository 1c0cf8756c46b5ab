/* story-theme.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A story or topic that articles belong to. */

#define G_LOG_DOMAIN "story-model"

#include "config.h"

#include "story-theme.h"
#include "story-article.h"
#include "story-util.h"

#include <string.h>

/* The theme's headlines as a list model over an array. A GListStore keeps each item in a
 * node of its own (48 bytes), which for a sidebar that has loaded 68,000 headlines of one
 * theme was 3 MiB beside the pointers themselves. Sequential and random access are the
 * same, and a page added at the end moves nothing. */
#define STORY_TYPE_ARTICLE_LIST (story_article_list_get_type ())
G_DECLARE_FINAL_TYPE (StoryArticleList, story_article_list, STORY, ARTICLE_LIST, GObject)

struct _StoryArticleList
{
  GObject    parent_instance;
  GPtrArray *items;  /* StoryArticle*, owned */
};

static GType
story_article_list_get_item_type (GListModel *model)
{
  return STORY_TYPE_ARTICLE;
}

static guint
story_article_list_get_n_items (GListModel *model)
{
  return STORY_ARTICLE_LIST (model)->items->len;
}

static gpointer
story_article_list_get_item (GListModel *model,
                             guint       position)
{
  StoryArticleList *self = STORY_ARTICLE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
story_article_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = story_article_list_get_item_type;
  iface->get_n_items = story_article_list_get_n_items;
  iface->get_item = story_article_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (StoryArticleList, story_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      story_article_list_model_init))

static void
story_article_list_finalize (GObject *object)
{
  g_ptr_array_unref (STORY_ARTICLE_LIST (object)->items);

  G_OBJECT_CLASS (story_article_list_parent_class)->finalize (object);
}

static void
story_article_list_class_init (StoryArticleListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = story_article_list_finalize;
}

static void
story_article_list_init (StoryArticleList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* As g_list_store_splice(): @additions are referenced, not taken. */
static void
story_article_list_splice (StoryArticleList *self,
                           guint             position,
                           guint             n_removals,
                           gpointer         *additions,
                           guint             n_additions)
{
  g_return_if_fail (position + n_removals <= self->items->len);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);
  if (n_additions > 0)
    {
      guint n_after = self->items->len - position;

      /* One move of what follows, however many are added. */
      g_ptr_array_set_size (self->items, (int)(self->items->len + n_additions));
      memmove (self->items->pdata + position + n_additions, self->items->pdata + position,
               n_after * sizeof (gpointer));
      for (guint i = 0; i < n_additions; i++)
        self->items->pdata[position + i] = g_object_ref (additions[i]);
    }

  if (n_removals > 0 || n_additions > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

struct _StoryTheme
{
  GObject parent_instance;

  gint64 id;
  char *label;
  int article_count;
  int unread_count;
  gint64 latest;
  gboolean followed;
  gint64 muted_until;   /* unix time; 0: not muted */

  /* The theme's headlines, newest first; filled by whoever loads the theme. */
  StoryArticleList *articles;
};

G_DEFINE_FINAL_TYPE (StoryTheme, story_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_ARTICLE_COUNT,
  PROP_UNREAD_COUNT,
  PROP_LATEST,
  PROP_FOLLOWED,
  PROP_MUTED_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
story_theme_finalize (GObject *object)
{
  StoryTheme *self = (StoryTheme *)object;

  g_free (self->label);
  g_clear_object (&self->articles);

  G_OBJECT_CLASS (story_theme_parent_class)->finalize (object);
}

static void
story_theme_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StoryTheme *self = STORY_THEME (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_ARTICLE_COUNT:
      g_value_set_int (value, self->article_count);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_int (value, self->unread_count);
      break;

    case PROP_LATEST:
      g_value_set_int64 (value, self->latest);
      break;

    case PROP_FOLLOWED:
      g_value_set_boolean (value, self->followed);
      break;

    case PROP_MUTED_UNTIL:
      g_value_set_int64 (value, self->muted_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_theme_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StoryTheme *self = STORY_THEME (object);

  switch (prop_id)
    {
    case PROP_ID:
      story_theme_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_LABEL:
      story_theme_set_label (self, g_value_get_string (value));
      break;

    case PROP_ARTICLE_COUNT:
      story_theme_set_article_count (self, g_value_get_int (value));
      break;

    case PROP_UNREAD_COUNT:
      story_theme_set_unread_count (self, g_value_get_int (value));
      break;

    case PROP_LATEST:
      story_theme_set_latest (self, g_value_get_int64 (value));
      break;

    case PROP_FOLLOWED:
      story_theme_set_followed (self, g_value_get_boolean (value));
      break;

    case PROP_MUTED_UNTIL:
      story_theme_set_muted_until (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_theme_class_init (StoryThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = story_theme_finalize;
  object_class->get_property = story_theme_get_property;
  object_class->set_property = story_theme_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ARTICLE_COUNT] =
    g_param_spec_int ("article-count", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_int ("unread-count", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LATEST] =
    g_param_spec_int64 ("latest", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FOLLOWED] =
    g_param_spec_boolean ("followed", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MUTED_UNTIL] =
    g_param_spec_int64 ("muted-until", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
story_theme_init (StoryTheme *self)
{
  self->articles = g_object_new (STORY_TYPE_ARTICLE_LIST, NULL);
}

StoryTheme *
story_theme_new (void)
{
  return g_object_new (STORY_TYPE_THEME, NULL);
}

gint64
story_theme_get_id (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), 0);

  return self->id;
}

void
story_theme_set_id (StoryTheme *self,
                    gint64      value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
story_theme_get_label (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), NULL);

  return self->label;
}

void
story_theme_set_label (StoryTheme *self,
                       const char *value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  if (story_set_str (&self->label, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

int
story_theme_get_article_count (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), 0);

  return self->article_count;
}

void
story_theme_set_article_count (StoryTheme *self,
                               int         value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  if (self->article_count == value)
    return;

  self->article_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_COUNT]);
}

int
story_theme_get_unread_count (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), 0);

  return self->unread_count;
}

void
story_theme_set_unread_count (StoryTheme *self,
                              int         value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  if (self->unread_count == value)
    return;

  self->unread_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

gint64
story_theme_get_latest (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), 0);

  return self->latest;
}

void
story_theme_set_latest (StoryTheme *self,
                        gint64      value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  if (self->latest == value)
    return;

  self->latest = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATEST]);
}

/* Whether the reader follows the theme: new articles in it are announced. */
gboolean
story_theme_get_followed (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), FALSE);

  return self->followed;
}

void
story_theme_set_followed (StoryTheme *self,
                          gboolean    value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  value = !!value;
  if (self->followed == value)
    return;

  self->followed = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWED]);
}

/* Until when the theme is muted (unix time), %STORY_THEME_MUTED_FOREVER for
 * good, or 0 when it is not. */
gint64
story_theme_get_muted_until (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), 0);

  return self->muted_until;
}

void
story_theme_set_muted_until (StoryTheme *self,
                             gint64      value)
{
  g_return_if_fail (STORY_IS_THEME (self));

  if (self->muted_until == value)
    return;

  self->muted_until = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED_UNTIL]);
}

/**
 * story_theme_get_articles:
 *
 * Returns: (transfer none): the theme's articles as a list model of
 *   #StoryArticle, newest first
 */
GListModel *
story_theme_get_articles (StoryTheme *self)
{
  g_return_val_if_fail (STORY_IS_THEME (self), NULL);

  return G_LIST_MODEL (self->articles);
}

/* Replaces the theme's articles with @articles (element-type StoryArticle) in one change,
 * so a list view showing the theme sees a single items-changed. */
void
story_theme_set_article_list (StoryTheme *self,
                              GPtrArray  *articles)
{
  g_return_if_fail (STORY_IS_THEME (self));
  g_return_if_fail (articles != NULL);

  story_article_list_splice (self->articles,
                       0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->articles)),
                       articles->pdata,
                       articles->len);
}

/* Adds the next page of the theme's articles (element-type StoryArticle) after
 * the ones it has, in one change. */
void
story_theme_append_articles (StoryTheme *self,
                             GPtrArray  *articles)
{
  g_return_if_fail (STORY_IS_THEME (self));
  g_return_if_fail (articles != NULL);

  story_article_list_splice (self->articles,
                       g_list_model_get_n_items (G_LIST_MODEL (self->articles)),
                       0,
                       articles->pdata,
                       articles->len);
}

/**
 * story_theme_truncate_articles:
 * @n_kept: how many of the newest articles to keep
 *
 * Drops the articles after the first @n_kept, in one change: a sidebar that has scrolled
 * far past them lets them go, and loads them again, a page at a time, when it comes back.
 */
void
story_theme_truncate_articles (StoryTheme *self,
                               guint       n_kept)
{
  guint n;

  g_return_if_fail (STORY_IS_THEME (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));
  if (n > n_kept)
    story_article_list_splice (self->articles, n_kept, n - n_kept, NULL, 0);
}

/* Whether a list showing @a can keep showing it for @b: the same article, with the same
 * headline, source, theme and date. Read and starred are not compared: they are copied
 * over, and a row follows them by their notifications. */
static gboolean
article_shown_alike (StoryArticle *a,
                     StoryArticle *b)
{
  return story_article_get_id (a) == story_article_get_id (b) &&
         story_article_get_theme_id (a) == story_article_get_theme_id (b) &&
         story_article_get_published (a) == story_article_get_published (b) &&
         story_article_get_updated (a) == story_article_get_updated (b) &&
         g_strcmp0 (story_article_get_title (a), story_article_get_title (b)) == 0 &&
         g_strcmp0 (story_article_get_source_title (a), story_article_get_source_title (b)) == 0 &&
         g_strcmp0 (story_article_get_theme_label (a), story_article_get_theme_label (b)) == 0;
}

static void
article_copy_state (StoryArticle *kept,
                    StoryArticle *fresh)
{
  story_article_set_read (kept, story_article_get_read (fresh));
  story_article_set_starred (kept, story_article_get_starred (fresh));
}

/**
 * story_theme_update_from:
 * @other: the same theme (by id) as just loaded again
 *
 * Makes @self show what @other holds while keeping what has not changed: its properties
 * notify only when they differ, and a headline that is still listed, shown alike and in the
 * same order stays the same object, while the runs between such headlines are spliced (one
 * change per run: an article read and gone from Unread is one removal). A list view showing
 * the theme then keeps the rows it has built for the rest, instead of building them all again.
 */
void
story_theme_update_from (StoryTheme *self,
                         StoryTheme *other)
{
  GListModel *old_list, *new_list;
  guint n_old, n_new, position = 0, old_index = 0, new_index = 0;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GHashTable) old_by_id = NULL;
  g_autofree gint64 *old_ids = NULL;
  g_autofree guint *kept_from = NULL;  /* per new headline: its old index, or G_MAXUINT */
  gint64 last_kept = -1;

  g_return_if_fail (STORY_IS_THEME (self));
  g_return_if_fail (STORY_IS_THEME (other));

  g_object_freeze_notify (G_OBJECT (self));
  story_theme_set_id (self, other->id);
  story_theme_set_label (self, other->label);
  story_theme_set_article_count (self, other->article_count);
  story_theme_set_unread_count (self, other->unread_count);
  story_theme_set_latest (self, other->latest);
  story_theme_set_followed (self, other->followed);
  story_theme_set_muted_until (self, other->muted_until);
  g_object_thaw_notify (G_OBJECT (self));

  old_list = G_LIST_MODEL (self->articles);
  new_list = G_LIST_MODEL (other->articles);
  n_old = g_list_model_get_n_items (old_list);
  n_new = g_list_model_get_n_items (new_list);

  old_ids = g_new (gint64, MAX (n_old, 1));
  old_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(StoryArticle) article = g_list_model_get_item (old_list, i);

      old_ids[i] = story_article_get_id (article);
      g_hash_table_insert (old_by_id, &old_ids[i], GUINT_TO_POINTER (i + 1));
    }

  /* What the list is to hold: each headline kept when it can be, in order. */
  result = g_ptr_array_new_full (n_new, g_object_unref);
  kept_from = g_new (guint, MAX (n_new, 1));
  for (guint j = 0; j < n_new; j++)
    {
      StoryArticle *fresh = g_list_model_get_item (new_list, j);
      gint64 id = story_article_get_id (fresh);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (old_by_id, &id));

      kept_from[j] = G_MAXUINT;
      if (i != 0 && (gint64)(i - 1) > last_kept)
        {
          StoryArticle *kept = g_list_model_get_item (old_list, i - 1);

          if (article_shown_alike (kept, fresh))
            {
              article_copy_state (kept, fresh);
              g_object_unref (fresh);
              fresh = kept;
              kept_from[j] = i - 1;
              last_kept = i - 1;
            }
          else
            g_object_unref (kept);
        }
      g_ptr_array_add (result, fresh);
    }

  /* Splice the runs between kept headlines. */
  for (;;)
    {
      guint next = new_index, old_end, n_removed, n_added;

      while (next < n_new && kept_from[next] == G_MAXUINT)
        next++;
      old_end = next < n_new ? kept_from[next] : n_old;
      n_removed = old_end - old_index;
      n_added = next - new_index;
      if (n_removed > 0 || n_added > 0)
        story_article_list_splice (self->articles, position, n_removed,
                             result->pdata + new_index, n_added);
      position += n_added;
      if (next >= n_new)
        break;

      position++;
      old_index = old_end + 1;
      new_index = next + 1;
    }
}
