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

#define STORY_ARTICLE_QUERY_INIT { -1, 0, FALSE, FALSE, 0 }

#define STORY_TYPE_STORE (story_store_get_type ())
G_DECLARE_FINAL_TYPE (StoryStore, story_store, STORY, STORE, GObject)

GQuark        story_store_error_quark          (void);
char         *story_store_dup_default_path     (void);
StoryStore   *story_store_new                  (const char               *path,
                                                GError                  **error);
const char   *story_store_get_path             (StoryStore               *self);

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

gboolean      story_store_save_articles        (StoryStore               *self,
                                                gint64                    source_id,
                                                GPtrArray                *articles,
                                                StoryStoreSaveStats      *stats,
                                                GError                  **error);
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

void          story_store_list_themes_async    (StoryStore               *self,
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

G_END_DECLS
