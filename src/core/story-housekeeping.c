/* story-housekeeping.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The preferences' storage actions, each on a worker thread: how much the
 * cache takes, "Clean up now", and "Download images for all unread
 * articles now". */

#define G_LOG_DOMAIN "story-housekeeping"

#include "config.h"

#include "story-housekeeping.h"

typedef struct
{
  StoryStore      *store;
  StoryImageCache *image_cache;
  guint            retention_days;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->image_cache);
  g_free (job);
}

static GTask *
job_new (StoryStore          *store,
         StoryImageCache     *image_cache,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (store);
  job->image_cache = image_cache ? g_object_ref (image_cache) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);

  return task;
}

static void
return_usage (GTask      *task,
              StoryStore *store)
{
  StoryCacheUsage *usage = g_new0 (StoryCacheUsage, 1);
  GError *error = NULL;

  if (story_store_get_usage (store, usage, &error))
    g_task_return_pointer (task, usage, g_free);
  else
    {
      g_free (usage);
      g_task_return_error (task, error);
    }
}

static gboolean
propagate_usage (GAsyncResult     *result,
                 StoryCacheUsage  *usage,
                 GError          **error)
{
  g_autofree StoryCacheUsage *found = g_task_propagate_pointer (G_TASK (result), error);

  if (found == NULL)
    return FALSE;

  if (usage != NULL)
    *usage = *found;
  return TRUE;
}

static void
usage_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;

  return_usage (task, job->store);
}

void
story_housekeeping_usage_async (StoryStore          *store,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STORY_IS_STORE (store));

  task = job_new (store, NULL, cancellable, callback, user_data, story_housekeeping_usage_async);
  g_task_run_in_thread (task, usage_thread);
}

gboolean
story_housekeeping_usage_finish (GAsyncResult     *result,
                                 StoryCacheUsage  *usage,
                                 GError          **error)
{
  return propagate_usage (result, usage, error);
}

static void
clean_up_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (job->retention_days > 0 &&
      !story_store_apply_retention (job->store, job->retention_days, 50, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* A limit of one wanted image would still download; prune only, by
   * fetching nothing: evict what no article shows and what is over the cap. */
  if (job->image_cache != NULL)
    {
      g_autoptr(GPtrArray) evicted = story_store_evict_images (job->store,
                                                               STORY_IMAGE_CACHE_MAX_TOTAL_SIZE,
                                                               &error);
      if (evicted == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      for (guint i = 0; i < evicted->len; i++)
        {
          g_autofree char *path = story_image_cache_dup_path (job->image_cache,
                                                              g_ptr_array_index (evicted, i));
          g_autoptr(GFile) file = g_file_new_for_path (path);

          g_file_delete (file, NULL, NULL);
        }
    }

  if (!story_store_compact (job->store, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  return_usage (task, job->store);
}

/* Removes old articles (keeping starred ones), images no article shows, and
 * the space they took; returns the usage afterwards. */
void
story_housekeeping_clean_up_async (StoryStore          *store,
                                   StoryImageCache     *image_cache,
                                   guint                retention_days,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STORY_IS_STORE (store));

  task = job_new (store, image_cache, cancellable, callback, user_data,
                  story_housekeeping_clean_up_async);
  ((Job *)g_task_get_task_data (task))->retention_days = retention_days;
  g_task_run_in_thread (task, clean_up_thread);
}

gboolean
story_housekeeping_clean_up_finish (GAsyncResult     *result,
                                    StoryCacheUsage  *usage,
                                    GError          **error)
{
  return propagate_usage (result, usage, error);
}

static void
fetch_images_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Job *job = task_data;
  StoryImageFetchStats *stats = g_new0 (StoryImageFetchStats, 1);
  GError *error = NULL;

  if (!story_store_want_unread_images (job->store, NULL, &error) ||
      !story_image_cache_fetch_pending (job->image_cache, job->store, 0, stats, cancellable,
                                        &error))
    {
      g_free (stats);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, stats, g_free);
}

/* Downloads every image of every unread article that is not cached. */
void
story_housekeeping_fetch_images_async (StoryStore          *store,
                                       StoryImageCache     *image_cache,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STORY_IS_STORE (store));
  g_return_if_fail (STORY_IS_IMAGE_CACHE (image_cache));

  task = job_new (store, image_cache, cancellable, callback, user_data,
                  story_housekeeping_fetch_images_async);
  g_task_run_in_thread (task, fetch_images_thread);
}

gboolean
story_housekeeping_fetch_images_finish (GAsyncResult          *result,
                                        StoryImageFetchStats  *stats,
                                        GError               **error)
{
  g_autofree StoryImageFetchStats *found = g_task_propagate_pointer (G_TASK (result), error);

  if (found == NULL)
    return FALSE;

  if (stats != NULL)
    *stats = *found;
  return TRUE;
}
