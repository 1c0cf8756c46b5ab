/* story-article.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One article, normalized from any source kind. Text fields are plain text; content-html is sanitized HTML once the article has been stored. */

#define G_LOG_DOMAIN "story-model"

#include "config.h"

#include "story-article.h"
#include "story-util.h"

/* What only a whole article has: a sidebar headline (of which the sidebar may hold
 * 100,000) sets none of it, and goes without. */
typedef struct
{
  char *remote_id;
  char *url;
  char *external_url;
  char **authors;
  char *summary;
  char *content_html;
  char *content_text;
  char *image;
  char **image_urls;
  char **tags;
} StoryArticleBody;

struct _StoryArticle
{
  GObject parent_instance;

  gint64 id;
  gint64 source_id;
  char *title;
  gint64 published;
  gint64 updated;
  StoryArticleBody *body;  /* (nullable): until one of its fields is set */
  gint64 theme_id;
  char *theme_label;   /* interned GRefString: every headline of a theme shares it */
  char *source_title;  /* interned GRefString, the same for a source's articles */
  gboolean read;
  gboolean starred;
};

static StoryArticleBody *
ensure_body (StoryArticle *self)
{
  if (self->body == NULL)
    self->body = g_new0 (StoryArticleBody, 1);
  return self->body;
}

/* Sets an interned string: headlines of one theme or source share one copy. */
static gboolean
set_shared_str (char       **str_pointer,
                const char  *value)
{
  if (g_strcmp0 (*str_pointer, value) == 0)
    return FALSE;

  g_clear_pointer (str_pointer, g_ref_string_release);
  if (value != NULL)
    *str_pointer = g_ref_string_new_intern (value);
  return TRUE;
}

G_DEFINE_FINAL_TYPE (StoryArticle, story_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_REMOTE_ID,
  PROP_TITLE,
  PROP_URL,
  PROP_EXTERNAL_URL,
  PROP_AUTHORS,
  PROP_PUBLISHED,
  PROP_UPDATED,
  PROP_SUMMARY,
  PROP_CONTENT_HTML,
  PROP_CONTENT_TEXT,
  PROP_IMAGE,
  PROP_IMAGE_URLS,
  PROP_TAGS,
  PROP_THEME_ID,
  PROP_THEME_LABEL,
  PROP_SOURCE_TITLE,
  PROP_READ,
  PROP_STARRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
story_article_finalize (GObject *object)
{
  StoryArticle *self = (StoryArticle *)object;

  if (self->body != NULL)
    {
      g_free (self->body->remote_id);
      g_free (self->body->url);
      g_free (self->body->external_url);
      g_strfreev (self->body->authors);
      g_free (self->body->summary);
      g_free (self->body->content_html);
      g_free (self->body->content_text);
      g_free (self->body->image);
      g_strfreev (self->body->image_urls);
      g_strfreev (self->body->tags);
      g_free (self->body);
    }
  g_free (self->title);
  g_clear_pointer (&self->theme_label, g_ref_string_release);
  g_clear_pointer (&self->source_title, g_ref_string_release);

  G_OBJECT_CLASS (story_article_parent_class)->finalize (object);
}

static void
story_article_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StoryArticle *self = STORY_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->body != NULL ? self->body->remote_id : NULL);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_URL:
      g_value_set_string (value, self->body != NULL ? self->body->url : NULL);
      break;

    case PROP_EXTERNAL_URL:
      g_value_set_string (value, self->body != NULL ? self->body->external_url : NULL);
      break;

    case PROP_AUTHORS:
      g_value_set_boxed (value, self->body != NULL ? self->body->authors : NULL);
      break;

    case PROP_PUBLISHED:
      g_value_set_int64 (value, self->published);
      break;

    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->body != NULL ? self->body->summary : NULL);
      break;

    case PROP_CONTENT_HTML:
      g_value_set_string (value, self->body != NULL ? self->body->content_html : NULL);
      break;

    case PROP_CONTENT_TEXT:
      g_value_set_string (value, self->body != NULL ? self->body->content_text : NULL);
      break;

    case PROP_IMAGE:
      g_value_set_string (value, self->body != NULL ? self->body->image : NULL);
      break;

    case PROP_IMAGE_URLS:
      g_value_set_boxed (value, self->body != NULL ? self->body->image_urls : NULL);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->body != NULL ? self->body->tags : NULL);
      break;

    case PROP_THEME_ID:
      g_value_set_int64 (value, self->theme_id);
      break;

    case PROP_THEME_LABEL:
      g_value_set_string (value, self->theme_label);
      break;

    case PROP_SOURCE_TITLE:
      g_value_set_string (value, self->source_title);
      break;

    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_article_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StoryArticle *self = STORY_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      story_article_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_ID:
      story_article_set_source_id (self, g_value_get_int64 (value));
      break;

    case PROP_REMOTE_ID:
      story_article_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      story_article_set_title (self, g_value_get_string (value));
      break;

    case PROP_URL:
      story_article_set_url (self, g_value_get_string (value));
      break;

    case PROP_EXTERNAL_URL:
      story_article_set_external_url (self, g_value_get_string (value));
      break;

    case PROP_AUTHORS:
      story_article_set_authors (self, g_value_get_boxed (value));
      break;

    case PROP_PUBLISHED:
      story_article_set_published (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED:
      story_article_set_updated (self, g_value_get_int64 (value));
      break;

    case PROP_SUMMARY:
      story_article_set_summary (self, g_value_get_string (value));
      break;

    case PROP_CONTENT_HTML:
      story_article_set_content_html (self, g_value_get_string (value));
      break;

    case PROP_CONTENT_TEXT:
      story_article_set_content_text (self, g_value_get_string (value));
      break;

    case PROP_IMAGE:
      story_article_set_image (self, g_value_get_string (value));
      break;

    case PROP_IMAGE_URLS:
      story_article_set_image_urls (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      story_article_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_THEME_ID:
      story_article_set_theme_id (self, g_value_get_int64 (value));
      break;

    case PROP_THEME_LABEL:
      story_article_set_theme_label (self, g_value_get_string (value));
      break;

    case PROP_SOURCE_TITLE:
      story_article_set_source_title (self, g_value_get_string (value));
      break;

    case PROP_READ:
      story_article_set_read (self, g_value_get_boolean (value));
      break;

    case PROP_STARRED:
      story_article_set_starred (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_article_class_init (StoryArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = story_article_finalize;
  object_class->get_property = story_article_get_property;
  object_class->set_property = story_article_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTERNAL_URL] =
    g_param_spec_string ("external-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTHORS] =
    g_param_spec_boxed ("authors", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PUBLISHED] =
    g_param_spec_int64 ("published", NULL, NULL, G_MININT64, G_MAXINT64, STORY_TIME_UNKNOWN,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, G_MININT64, G_MAXINT64, STORY_TIME_UNKNOWN,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTENT_HTML] =
    g_param_spec_string ("content-html", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTENT_TEXT] =
    g_param_spec_string ("content-text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMAGE] =
    g_param_spec_string ("image", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMAGE_URLS] =
    g_param_spec_boxed ("image-urls", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THEME_ID] =
    g_param_spec_int64 ("theme-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THEME_LABEL] =
    g_param_spec_string ("theme-label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE_TITLE] =
    g_param_spec_string ("source-title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
story_article_init (StoryArticle *self)
{
  self->published = STORY_TIME_UNKNOWN;
  self->updated = STORY_TIME_UNKNOWN;
}

StoryArticle *
story_article_new (void)
{
  return g_object_new (STORY_TYPE_ARTICLE, NULL);
}

gint64
story_article_get_id (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), 0);

  return self->id;
}

void
story_article_set_id (StoryArticle *self,
                      gint64        value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
story_article_get_source_id (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), 0);

  return self->source_id;
}

void
story_article_set_source_id (StoryArticle *self,
                             gint64        value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (self->source_id == value)
    return;

  self->source_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
}

const char *
story_article_get_remote_id (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->remote_id : NULL;
}

void
story_article_set_remote_id (StoryArticle *self,
                             const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->remote_id, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
story_article_get_title (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->title;
}

void
story_article_set_title (StoryArticle *self,
                         const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (story_set_str (&self->title, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
story_article_get_url (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->url : NULL;
}

void
story_article_set_url (StoryArticle *self,
                       const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->url, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char *
story_article_get_external_url (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->external_url : NULL;
}

void
story_article_set_external_url (StoryArticle *self,
                                const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->external_url, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTERNAL_URL]);
}

const char * const *
story_article_get_authors (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return (const char * const *)(self->body != NULL ? self->body->authors : NULL);
}

void
story_article_set_authors (StoryArticle       *self,
                           const char * const *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_strv (&ensure_body (self)->authors, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORS]);
}

gint64
story_article_get_published (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), 0);

  return self->published;
}

void
story_article_set_published (StoryArticle *self,
                             gint64        value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (self->published == value)
    return;

  self->published = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

gint64
story_article_get_updated (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), 0);

  return self->updated;
}

void
story_article_set_updated (StoryArticle *self,
                           gint64        value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (self->updated == value)
    return;

  self->updated = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

const char *
story_article_get_summary (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->summary : NULL;
}

void
story_article_set_summary (StoryArticle *self,
                           const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->summary, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
story_article_get_content_html (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->content_html : NULL;
}

void
story_article_set_content_html (StoryArticle *self,
                                const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->content_html, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_HTML]);
}

const char *
story_article_get_content_text (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->content_text : NULL;
}

void
story_article_set_content_text (StoryArticle *self,
                                const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->content_text, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_TEXT]);
}

const char *
story_article_get_image (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->body != NULL ? self->body->image : NULL;
}

void
story_article_set_image (StoryArticle *self,
                         const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_str (&ensure_body (self)->image, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
}

const char * const *
story_article_get_image_urls (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return (const char * const *)(self->body != NULL ? self->body->image_urls : NULL);
}

void
story_article_set_image_urls (StoryArticle       *self,
                              const char * const *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_strv (&ensure_body (self)->image_urls, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_URLS]);
}

const char * const *
story_article_get_tags (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return (const char * const *)(self->body != NULL ? self->body->tags : NULL);
}

void
story_article_set_tags (StoryArticle       *self,
                        const char * const *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (value == NULL && self->body == NULL)
    return;

  if (story_set_strv (&ensure_body (self)->tags, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gint64
story_article_get_theme_id (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), 0);

  return self->theme_id;
}

void
story_article_set_theme_id (StoryArticle *self,
                            gint64        value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (self->theme_id == value)
    return;

  self->theme_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_ID]);
}

const char *
story_article_get_theme_label (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->theme_label;
}

void
story_article_set_theme_label (StoryArticle *self,
                               const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (set_shared_str (&self->theme_label, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME_LABEL]);
}

const char *
story_article_get_source_title (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), NULL);

  return self->source_title;
}

void
story_article_set_source_title (StoryArticle *self,
                                const char   *value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  if (set_shared_str (&self->source_title, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TITLE]);
}

gboolean
story_article_get_read (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), FALSE);

  return self->read;
}

void
story_article_set_read (StoryArticle *self,
                        gboolean      value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  value = !!value;

  if (self->read == value)
    return;

  self->read = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

gboolean
story_article_get_starred (StoryArticle *self)
{
  g_return_val_if_fail (STORY_IS_ARTICLE (self), FALSE);

  return self->starred;
}

void
story_article_set_starred (StoryArticle *self,
                           gboolean      value)
{
  g_return_if_fail (STORY_IS_ARTICLE (self));

  value = !!value;

  if (self->starred == value)
    return;

  self->starred = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}
