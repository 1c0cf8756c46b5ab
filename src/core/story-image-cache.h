/* story-image-cache.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "story-http.h"
#include "story-store.h"

G_BEGIN_DECLS

#define STORY_IMAGE_CACHE_ERROR (story_image_cache_error_quark ())

typedef enum
{
  STORY_IMAGE_CACHE_ERROR_HTTP,
  STORY_IMAGE_CACHE_ERROR_TOO_LARGE,
  STORY_IMAGE_CACHE_ERROR_NOT_AN_IMAGE,
  STORY_IMAGE_CACHE_ERROR_UNSUPPORTED,
} StoryImageCacheError;

/* Default limits: one image, and the whole cache. */
#define STORY_IMAGE_CACHE_MAX_IMAGE_SIZE (10 * 1024 * 1024)
#define STORY_IMAGE_CACHE_MAX_TOTAL_SIZE ((gint64)1024 * 1024 * 1024)

typedef struct
{
  guint n_fetched;
  guint n_failed;
  guint n_evicted;
} StoryImageFetchStats;

#define STORY_TYPE_IMAGE_CACHE (story_image_cache_get_type ())
G_DECLARE_FINAL_TYPE (StoryImageCache, story_image_cache, STORY, IMAGE_CACHE, GObject)

GQuark           story_image_cache_error_quark    (void);
char            *story_image_cache_dup_default_dir (void);
StoryImageCache *story_image_cache_new            (const char            *dir);
const char      *story_image_cache_get_dir        (StoryImageCache       *self);
void             story_image_cache_set_http       (StoryImageCache       *self,
                                                   StoryHttp             *http);
void             story_image_cache_set_limits     (StoryImageCache       *self,
                                                   gsize                  max_image_size,
                                                   gint64                 max_total_size);
char            *story_image_cache_dup_path       (StoryImageCache       *self,
                                                   const char            *url);
gboolean         story_image_cache_fetch          (StoryImageCache       *self,
                                                   const char            *url,
                                                   gsize                 *size,
                                                   GCancellable          *cancellable,
                                                   GError               **error);
gboolean         story_image_cache_fetch_pending  (StoryImageCache       *self,
                                                   StoryStore            *store,
                                                   guint                  limit,
                                                   StoryImageFetchStats  *stats,
                                                   GCancellable          *cancellable,
                                                   GError               **error);
const char      *story_image_cache_sniff          (const guchar          *data,
                                                   gsize                  length);

G_END_DECLS
