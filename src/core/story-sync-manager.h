/* story-sync-manager.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "story-image-cache.h"
#include "story-http.h"
#include "story-store.h"

G_BEGIN_DECLS

#define STORY_SYNC_ERROR (story_sync_error_quark ())

/* Retention never takes a source below this many articles. */
#define STORY_SYNC_KEEP_PER_SOURCE 50

typedef enum
{
  STORY_SYNC_ERROR_FAILED,
  STORY_SYNC_ERROR_UNSUPPORTED,
  STORY_SYNC_ERROR_HTTP,
  STORY_SYNC_ERROR_TOO_LARGE,
} StorySyncError;

/* What one source's sync did. */
typedef struct
{
  gint64  source_id;
  char   *source_title;
  guint   n_new;
  guint   n_updated;
  guint   n_unchanged;
  gboolean not_modified; /* the server said 304, or sent the same bytes again */
  gboolean skipped;      /* still backing off after a failure: not asked at all */
  gboolean not_due;      /* synced recently enough for its interval: not asked at all */
  char   *moved_to;     /* (nullable): the new address after a permanent redirect */
  GError *error;        /* (nullable): why it failed, in words */
} StorySyncReport;

#define STORY_TYPE_SYNC_MANAGER (story_sync_manager_get_type ())
G_DECLARE_FINAL_TYPE (StorySyncManager, story_sync_manager, STORY, SYNC_MANAGER, GObject)

GQuark            story_sync_error_quark          (void);
void              story_sync_report_free          (StorySyncReport   *report);
StorySyncManager *story_sync_manager_new          (StoryStore        *store);
StoryStore       *story_sync_manager_get_store    (StorySyncManager  *self);
void              story_sync_manager_set_image_cache (StorySyncManager *self,
                                                   StoryImageCache   *image_cache);
void              story_sync_manager_set_retention_days (StorySyncManager *self,
                                                   guint              days);
StoryHttp        *story_sync_manager_get_http     (StorySyncManager  *self);
void              story_sync_manager_set_default_interval (StorySyncManager *self,
                                                           int               minutes);
gboolean          story_sync_manager_get_syncing  (StorySyncManager  *self);
GPtrArray        *story_sync_manager_sync         (StorySyncManager  *self,
                                                   const gint64      *source_ids,
                                                   guint              n_source_ids,
                                                   GCancellable      *cancellable);
void              story_sync_manager_sync_async   (StorySyncManager  *self,
                                                   const gint64      *source_ids,
                                                   guint              n_source_ids,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
GPtrArray        *story_sync_manager_sync_due     (StorySyncManager  *self,
                                                   GCancellable      *cancellable);
void              story_sync_manager_sync_due_async (StorySyncManager  *self,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
void              story_sync_manager_retry_async  (StorySyncManager  *self,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
GPtrArray        *story_sync_manager_sync_finish  (StorySyncManager  *self,
                                                   GAsyncResult      *result,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StorySyncReport, story_sync_report_free)

G_END_DECLS
