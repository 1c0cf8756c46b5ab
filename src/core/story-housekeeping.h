/* story-housekeeping.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "story-image-cache.h"
#include "story-store.h"

G_BEGIN_DECLS

void     story_housekeeping_usage_async         (StoryStore          *store,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean story_housekeeping_usage_finish        (GAsyncResult        *result,
                                                 StoryCacheUsage     *usage,
                                                 GError             **error);
void     story_housekeeping_clean_up_async      (StoryStore          *store,
                                                 StoryImageCache     *image_cache,
                                                 guint                retention_days,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean story_housekeeping_clean_up_finish     (GAsyncResult        *result,
                                                 StoryCacheUsage     *usage,
                                                 GError             **error);
void     story_housekeeping_fetch_images_async  (StoryStore          *store,
                                                 StoryImageCache     *image_cache,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean story_housekeeping_fetch_images_finish (GAsyncResult        *result,
                                                 StoryImageFetchStats *stats,
                                                 GError             **error);

G_END_DECLS
