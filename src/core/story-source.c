/* story-source.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A subscription: where articles come from, and how its last sync went. */

#define G_LOG_DOMAIN "story-model"

#include "config.h"

#include "story-source.h"
#include "story-util.h"

struct _StorySource
{
  GObject parent_instance;

  gint64 id;
  char *kind;
  char *url;
  char *title;
  char *home_page_url;
  char *icon_url;
  gint64 last_sync;
  char *last_error;
  int unread_count;
  gboolean load_remote;
};

G_DEFINE_FINAL_TYPE (StorySource, story_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_URL,
  PROP_TITLE,
  PROP_HOME_PAGE_URL,
  PROP_ICON_URL,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_UNREAD_COUNT,
  PROP_LOAD_REMOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
story_source_finalize (GObject *object)
{
  StorySource *self = (StorySource *)object;

  g_free (self->kind);
  g_free (self->url);
  g_free (self->title);
  g_free (self->home_page_url);
  g_free (self->icon_url);
  g_free (self->last_error);

  G_OBJECT_CLASS (story_source_parent_class)->finalize (object);
}

static void
story_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StorySource *self = STORY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_HOME_PAGE_URL:
      g_value_set_string (value, self->home_page_url);
      break;

    case PROP_ICON_URL:
      g_value_set_string (value, self->icon_url);
      break;

    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_UNREAD_COUNT:
      g_value_set_int (value, self->unread_count);
      break;

    case PROP_LOAD_REMOTE:
      g_value_set_boolean (value, self->load_remote);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_source_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StorySource *self = STORY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      story_source_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      story_source_set_kind (self, g_value_get_string (value));
      break;

    case PROP_URL:
      story_source_set_url (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      story_source_set_title (self, g_value_get_string (value));
      break;

    case PROP_HOME_PAGE_URL:
      story_source_set_home_page_url (self, g_value_get_string (value));
      break;

    case PROP_ICON_URL:
      story_source_set_icon_url (self, g_value_get_string (value));
      break;

    case PROP_LAST_SYNC:
      story_source_set_last_sync (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_ERROR:
      story_source_set_last_error (self, g_value_get_string (value));
      break;

    case PROP_UNREAD_COUNT:
      story_source_set_unread_count (self, g_value_get_int (value));
      break;

    case PROP_LOAD_REMOTE:
      story_source_set_load_remote (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_source_class_init (StorySourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = story_source_finalize;
  object_class->get_property = story_source_get_property;
  object_class->set_property = story_source_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOME_PAGE_URL] =
    g_param_spec_string ("home-page-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ICON_URL] =
    g_param_spec_string ("icon-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNREAD_COUNT] =
    g_param_spec_int ("unread-count", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * StorySource:load-remote:
   *
   * Whether the reading pane may load this source's images and allowlisted
   * embeds from the network; otherwise only the offline cache is used.
   */
  properties[PROP_LOAD_REMOTE] =
    g_param_spec_boolean ("load-remote", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
story_source_init (StorySource *self)
{
}

StorySource *
story_source_new (void)
{
  return g_object_new (STORY_TYPE_SOURCE, NULL);
}

gint64
story_source_get_id (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), 0);

  return self->id;
}

void
story_source_set_id (StorySource *self,
                     gint64       value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
story_source_get_kind (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), NULL);

  return self->kind;
}

void
story_source_set_kind (StorySource *self,
                       const char  *value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (story_set_str (&self->kind, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
story_source_get_url (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), NULL);

  return self->url;
}

void
story_source_set_url (StorySource *self,
                      const char  *value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (story_set_str (&self->url, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char *
story_source_get_title (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), NULL);

  return self->title;
}

void
story_source_set_title (StorySource *self,
                        const char  *value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (story_set_str (&self->title, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
story_source_get_home_page_url (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), NULL);

  return self->home_page_url;
}

void
story_source_set_home_page_url (StorySource *self,
                                const char  *value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (story_set_str (&self->home_page_url, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOME_PAGE_URL]);
}

const char *
story_source_get_icon_url (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), NULL);

  return self->icon_url;
}

void
story_source_set_icon_url (StorySource *self,
                           const char  *value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (story_set_str (&self->icon_url, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_URL]);
}

gint64
story_source_get_last_sync (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), 0);

  return self->last_sync;
}

void
story_source_set_last_sync (StorySource *self,
                            gint64       value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (self->last_sync == value)
    return;

  self->last_sync = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

const char *
story_source_get_last_error (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), NULL);

  return self->last_error;
}

void
story_source_set_last_error (StorySource *self,
                             const char  *value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (story_set_str (&self->last_error, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

int
story_source_get_unread_count (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), 0);

  return self->unread_count;
}

void
story_source_set_unread_count (StorySource *self,
                               int          value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  if (self->unread_count == value)
    return;

  self->unread_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_COUNT]);
}

gboolean
story_source_get_load_remote (StorySource *self)
{
  g_return_val_if_fail (STORY_IS_SOURCE (self), FALSE);

  return self->load_remote;
}

void
story_source_set_load_remote (StorySource *self,
                              gboolean     value)
{
  g_return_if_fail (STORY_IS_SOURCE (self));

  value = !!value;
  if (self->load_remote == value)
    return;

  self->load_remote = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_REMOTE]);
}
