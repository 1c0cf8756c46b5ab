/* story-store.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "story-article.h"
#include "story-source.h"
#include "story-theme.h"

G_BEGIN_DECLS

#define STORY_STORE_ERROR (story_store_error_quark ())

typedef enum
{
  STORY_STORE_ERROR_FAILED,
  STORY_STORE_ERROR_NOT_FOUND,
  STORY_STORE_ERROR_EXISTS,
  STORY_STORE_ERROR_TOO_NEW,
  STORY_STORE_ERROR_CORRUPT,
  STORY_STORE_ERROR_FULL,
  STORY_STORE_ERROR_BUSY,
} StoryStoreError;

/* The theme id under which articles that belong to no theme are listed. */
#define STORY_THEME_ID_NONE ((gint64)0)

typedef struct
{
  guint n_new;
  guint n_updated;
  guint n_unchanged;
} StoryStoreSaveStats;

typedef struct
{
  gint64   theme_id;      /* -1: any theme; STORY_THEME_ID_NONE: articles without one */
  gint64   source_id;     /* 0: any source */
  gboolean unread_only;
  gboolean starred_only;
  guint    limit;         /* 0: no limit */
} StoryArticleQuery;

typedef enum
{
  STORY_ARTICLE_FILTER_ALL,
  STORY_ARTICLE_FILTER_UNREAD,
  STORY_ARTICLE_FILTER_STARRED,
} StoryArticleFilter;

/* What the cache takes on disk. */
typedef struct
{
  gint64 database_bytes;
  gint64 image_bytes;
  guint  n_articles;
} StoryCacheUsage;

#define STORY_ARTICLE_QUERY_INIT { -1, 0, FALSE, FALSE, 0 }

/* How many of each theme's newest articles story_store_list_themes_async()
 * loads; the sidebar asks for the rest a page at a time, as it scrolls. */
#define STORY_THEME_FIRST_PAGE 50

/* What the sync engine remembers about a source between syncs. */
typedef struct
{
  char   *etag;           /* (nullable): validators of the last full answer */
  char   *last_modified;  /* (nullable) */
  char   *body_hash;      /* (nullable): SHA-256 of the last body that was stored */
  gint64  next_attempt;   /* unix time before which a scheduled sync skips it; 0: now */
  int     n_failures;     /* failures in a row, for the backoff */
  int     sync_interval;  /* minutes between scheduled syncs; 0: the application's */
  char   *cursor;         /* (nullable): where the last incremental sync stopped */
} StorySourceSyncState;

/* One read or starred change made here, for a two-way service. */
typedef enum
{
  STORY_CHANGE_READ,
  STORY_CHANGE_STARRED,
} StoryChangeField;

typedef struct
{
  gint64            id;         /* the queue's own id; changes replay in its order */
  char             *remote_id;
  StoryChangeField  field;
  gboolean          value;
} StoryPendingChange;

#define STORY_TYPE_STORE (story_store_get_type ())
G_DECLARE_FINAL_TYPE (StoryStore, story_store, STORY, STORE, GObject)

GQuark        story_store_error_quark          (void);
char         *story_store_dup_default_path     (void);
StoryStore   *story_store_new                  (const char               *path,
                                                GError                  **error);
StoryStore   *story_store_open_or_recover      (const char               *path,
                                                char                    **moved_to,
                                                GError                  **error);
const char   *story_store_get_path             (StoryStore               *self);
void          story_store_set_busy_timeout     (StoryStore               *self,
                                                guint                     milliseconds);
void          story_store_set_keep_clusterer   (StoryStore               *self,
                                                gboolean                  keep);
void          story_store_release_memory       (StoryStore               *self);
gboolean      story_store_has_clusterer        (StoryStore               *self);
gboolean      story_store_set_max_size         (StoryStore               *self,
                                                gint64                    max_bytes,
                                                GError                  **error);
gboolean      story_store_apply_retention      (StoryStore               *self,
                                                guint                     days,
                                                guint                     keep_per_source,
                                                guint                    *n_deleted,
                                                GError                  **error);

StorySource  *story_store_add_source           (StoryStore               *self,
                                                const char               *kind,
                                                const char               *url,
                                                const char               *title,
                                                GError                  **error);
GPtrArray    *story_store_list_sources         (StoryStore               *self,
                                                GError                  **error);
StorySource  *story_store_get_source           (StoryStore               *self,
                                                gint64                    source_id,
                                                GError                  **error);
gboolean      story_store_remove_source        (StoryStore               *self,
                                                gint64                    source_id,
                                                GError                  **error);
gboolean      story_store_update_source        (StoryStore               *self,
                                                StorySource              *source,
                                                GError                  **error);
gboolean      story_store_set_source_load_remote (StoryStore             *self,
                                                gint64                    source_id,
                                                gboolean                  load_remote,
                                                GError                  **error);

void          story_source_sync_state_clear    (StorySourceSyncState     *state);
gboolean      story_store_get_sync_state       (StoryStore               *self,
                                                gint64                    source_id,
                                                StorySourceSyncState     *state,
                                                GError                  **error);
gboolean      story_store_set_sync_state       (StoryStore               *self,
                                                gint64                    source_id,
                                                const StorySourceSyncState *state,
                                                GError                  **error);
gboolean      story_store_set_sync_interval    (StoryStore               *self,
                                                gint64                    source_id,
                                                int                       minutes,
                                                GError                  **error);
gboolean      story_store_set_source_url       (StoryStore               *self,
                                                gint64                    source_id,
                                                const char               *url,
                                                GError                  **error);
gboolean      story_store_move_logins_to_keyring (StoryStore             *self,
                                                guint                    *n_moved,
                                                GCancellable             *cancellable,
                                                GError                  **error);

gboolean      story_store_save_articles        (StoryStore               *self,
                                                gint64                    source_id,
                                                GPtrArray                *articles,
                                                StoryStoreSaveStats      *stats,
                                                GError                  **error);
void          story_pending_change_free        (StoryPendingChange       *change);
GPtrArray    *story_store_list_pending_changes (StoryStore               *self,
                                                gint64                    source_id,
                                                GError                  **error);
gboolean      story_store_remove_pending_changes (StoryStore             *self,
                                                gint64                    source_id,
                                                gint64                    up_to_id,
                                                GError                  **error);
gboolean      story_store_apply_remote_state   (StoryStore               *self,
                                                gint64                    source_id,
                                                GPtrArray                *articles,
                                                GError                  **error);

typedef struct _StoryStoreBatch StoryStoreBatch;
typedef struct _StoryStoreRow StoryStoreRow;

StoryStoreRow *story_store_row_new             (StoryArticle             *article);
void          story_store_row_free             (StoryStoreRow            *row);

StoryStoreBatch *story_store_begin_batch       (StoryStore               *self,
                                                gint64                    source_id,
                                                GError                  **error);
gboolean      story_store_batch_add            (StoryStoreBatch          *batch,
                                                StoryArticle             *article,
                                                GError                  **error);
gboolean      story_store_batch_add_row        (StoryStoreBatch          *batch,
                                                StoryStoreRow            *row,
                                                GError                  **error);
gboolean      story_store_batch_commit         (StoryStoreBatch          *batch,
                                                StoryStoreSaveStats      *stats,
                                                GError                  **error);
void          story_store_batch_abort          (StoryStoreBatch          *batch);
GPtrArray    *story_store_list_articles        (StoryStore               *self,
                                                const StoryArticleQuery  *query,
                                                GError                  **error);
StoryArticle *story_store_get_article          (StoryStore               *self,
                                                gint64                    article_id,
                                                GError                  **error);
GPtrArray    *story_store_list_related         (StoryStore               *self,
                                                gint64                    article_id,
                                                guint                     limit,
                                                GError                  **error);
gboolean      story_store_get_usage            (StoryStore               *self,
                                                StoryCacheUsage          *usage,
                                                GError                  **error);
gboolean      story_store_want_unread_images   (StoryStore               *self,
                                                guint                    *n_wanted,
                                                GError                  **error);
gboolean      story_store_compact              (StoryStore               *self,
                                                GError                  **error);
GPtrArray    *story_store_list_wanted_images   (StoryStore               *self,
                                                guint                     limit,
                                                GError                  **error);
gboolean      story_store_set_image_fetched    (StoryStore               *self,
                                                const char               *url,
                                                gsize                     size,
                                                GError                  **error);
gboolean      story_store_set_image_failed     (StoryStore               *self,
                                                const char               *url,
                                                GError                  **error);
GPtrArray    *story_store_evict_images         (StoryStore               *self,
                                                gint64                    max_total_size,
                                                GError                  **error);
gint64        story_store_get_image_cache_size (StoryStore               *self,
                                                GError                  **error);
gint64        story_store_get_newest_article_id (StoryStore              *self,
                                                 GError                 **error);
GPtrArray    *story_store_search               (StoryStore               *self,
                                                const char               *text,
                                                guint                     limit,
                                                GError                  **error);
gboolean      story_store_rename_theme         (StoryStore               *self,
                                                gint64                    theme_id,
                                                const char               *label,
                                                GError                  **error);
gboolean      story_store_move_out_of_theme    (StoryStore               *self,
                                                gint64                    article_id,
                                                GError                  **error);
gboolean      story_store_merge_themes         (StoryStore               *self,
                                                gint64                    into_id,
                                                gint64                    from_id,
                                                GError                  **error);
gboolean      story_store_recluster            (StoryStore               *self,
                                                GError                  **error);
char        **story_store_dup_shared_terms     (StoryStore               *self,
                                                gint64                    article_id,
                                                guint                     max_terms,
                                                GError                  **error);
GPtrArray    *story_store_list_themes          (StoryStore               *self,
                                                gboolean                  with_articles,
                                                GError                  **error);
gboolean      story_store_set_read             (StoryStore               *self,
                                                gint64                    article_id,
                                                gboolean                  read,
                                                GError                  **error);
gboolean      story_store_set_starred          (StoryStore               *self,
                                                gint64                    article_id,
                                                gboolean                  starred,
                                                GError                  **error);

GPtrArray    *story_store_list_themes_filtered (StoryStore               *self,
                                                StoryArticleFilter        filter,
                                                gboolean                  with_articles,
                                                GError                  **error);
gboolean      story_store_set_read_many        (StoryStore               *self,
                                                GArray                   *article_ids,
                                                gboolean                  read,
                                                GError                  **error);
void          story_store_search_async         (StoryStore               *self,
                                                const char               *text,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray    *story_store_search_finish        (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_set_starred_async    (StoryStore               *self,
                                                gint64                    article_id,
                                                gboolean                  starred,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_set_starred_finish   (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_set_read_many_async  (StoryStore               *self,
                                                GArray                   *article_ids,
                                                gboolean                  read,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_set_read_many_finish (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_list_themes_async    (StoryStore               *self,
                                                StoryArticleFilter        filter,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
void          story_store_list_themes_sized_async (StoryStore             *self,
                                                StoryArticleFilter        filter,
                                                GHashTable               *page_sizes,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray    *story_store_list_themes_finish   (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_get_article_async    (StoryStore               *self,
                                                gint64                    article_id,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
StoryArticle *story_store_get_article_finish   (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GPtrArray               **related,
                                                GError                  **error);
void          story_store_list_sources_async   (StoryStore               *self,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray    *story_store_list_sources_finish  (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_add_source_async     (StoryStore               *self,
                                                const char               *kind,
                                                const char               *url,
                                                const char               *title,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
StorySource  *story_store_add_source_finish    (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_set_read_async       (StoryStore               *self,
                                                gint64                    article_id,
                                                gboolean                  read,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_set_read_finish      (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);

gboolean      story_store_set_theme_followed   (StoryStore               *self,
                                                gint64                    theme_id,
                                                gboolean                  followed,
                                                GError                  **error);
gboolean      story_store_mute_theme           (StoryStore               *self,
                                                gint64                    theme_id,
                                                gint64                    until,
                                                GError                  **error);
GPtrArray    *story_store_list_muted_themes    (StoryStore               *self,
                                                GError                  **error);
GPtrArray    *story_store_list_new_in_followed (StoryStore               *self,
                                                gint64                    since,
                                                GError                  **error);
void          story_store_rename_theme_async   (StoryStore               *self,
                                                gint64                    theme_id,
                                                const char               *label,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_rename_theme_finish  (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_move_out_of_theme_async (StoryStore            *self,
                                                gint64                    article_id,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_move_out_of_theme_finish (StoryStore           *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_merge_themes_async   (StoryStore               *self,
                                                gint64                    into_id,
                                                gint64                    from_id,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_merge_themes_finish  (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_set_theme_followed_async (StoryStore           *self,
                                                gint64                    theme_id,
                                                gboolean                  followed,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_set_theme_followed_finish (StoryStore          *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_mute_theme_async     (StoryStore               *self,
                                                gint64                    theme_id,
                                                gint64                    until,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_mute_theme_finish    (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_dup_shared_terms_async (StoryStore             *self,
                                                gint64                    article_id,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
char        **story_store_dup_shared_terms_finish (StoryStore            *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void          story_store_list_muted_themes_async (StoryStore            *self,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray    *story_store_list_muted_themes_finish (StoryStore           *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
GPtrArray    *story_store_list_theme_page      (StoryStore               *self,
                                                gint64                    theme_id,
                                                StoryArticleFilter        filter,
                                                StoryArticle             *after,
                                                guint                     limit,
                                                GError                  **error);
void          story_store_list_theme_page_async (StoryStore              *self,
                                                gint64                    theme_id,
                                                StoryArticleFilter        filter,
                                                StoryArticle             *after,
                                                guint                     limit,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
GPtrArray    *story_store_list_theme_page_finish (StoryStore             *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
gboolean      story_store_mark_all_read        (StoryStore               *self,
                                                StoryArticleFilter        filter,
                                                GArray                   *marked_ids,
                                                GError                  **error);
void          story_store_mark_all_read_async  (StoryStore               *self,
                                                StoryArticleFilter        filter,
                                                GArray                   *marked_ids,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean      story_store_mark_all_read_finish (StoryStore               *self,
                                                GAsyncResult             *result,
                                                GError                  **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StorySourceSyncState, story_source_sync_state_clear)
void          story_store_set_source_load_remote_async  (StoryStore          *self,
                                                         gint64               source_id,
                                                         gboolean             load_remote,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean      story_store_set_source_load_remote_finish (StoryStore          *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryPendingChange, story_pending_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryStoreBatch, story_store_batch_abort)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryStoreRow, story_store_row_free)

G_END_DECLS
