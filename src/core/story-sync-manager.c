/* story-sync-manager.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drives a sync: fetch each source, parse, sanitize, store. Runs on a worker
 * thread; one source's failure is written on that source and the others go on. */

#define G_LOG_DOMAIN "story-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "story-date.h"
#include "story-image-cache.h"
#include "story-json-feed.h"
#include "story-sanitizer.h"
#include "story-sync-manager.h"
#include "story-util.h"

#define MAX_BODY_SIZE   (20 * 1024 * 1024)
#define SUMMARY_CHARS   280

struct _StorySyncManager
{
  GObject      parent_instance;

  StoryStore      *store;
  StoryImageCache *image_cache;
  SoupSession     *session;
  guint            retention_days;
  guint        n_running;
};

G_DEFINE_FINAL_TYPE (StorySyncManager, story_sync_manager, G_TYPE_OBJECT)
G_DEFINE_QUARK (story-sync-error-quark, story_sync_error)

enum {
  PROP_0,
  PROP_SYNCING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
story_sync_report_free (StorySyncReport *report)
{
  if (report == NULL)
    return;

  g_free (report->source_title);
  g_clear_error (&report->error);
  g_free (report);
}

static void
story_sync_manager_dispose (GObject *object)
{
  StorySyncManager *self = (StorySyncManager *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (story_sync_manager_parent_class)->dispose (object);
}

static void
story_sync_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StorySyncManager *self = STORY_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, story_sync_manager_get_syncing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_sync_manager_class_init (StorySyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = story_sync_manager_dispose;
  object_class->get_property = story_sync_manager_get_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
story_sync_manager_init (StorySyncManager *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Storyline/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 30,
                                                 "idle-timeout", 60,
                                                 NULL);
}

/**
 * story_sync_manager_new:
 *
 * Returns: (transfer full): a sync manager writing into @store
 */
StorySyncManager *
story_sync_manager_new (StoryStore *store)
{
  StorySyncManager *self;

  g_return_val_if_fail (STORY_IS_STORE (store), NULL);

  self = g_object_new (STORY_TYPE_SYNC_MANAGER, NULL);
  self->store = g_object_ref (store);

  return self;
}

/**
 * story_sync_manager_set_image_cache:
 * @image_cache: (nullable): where to keep images for offline reading; %NULL
 *   to download none
 */
void
story_sync_manager_set_image_cache (StorySyncManager *self,
                                    StoryImageCache  *image_cache)
{
  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));

  g_set_object (&self->image_cache, image_cache);
}

/**
 * story_sync_manager_set_retention_days:
 * @days: keep articles this many days after each sync; 0 keeps everything
 *
 * Starred articles and each source's newest %STORY_SYNC_KEEP_PER_SOURCE
 * are always kept.
 */
void
story_sync_manager_set_retention_days (StorySyncManager *self,
                                       guint             days)
{
  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));

  self->retention_days = days;
}

StoryStore *
story_sync_manager_get_store (StorySyncManager *self)
{
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), NULL);

  return self->store;
}

gboolean
story_sync_manager_get_syncing (StorySyncManager *self)
{
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), FALSE);

  return self->n_running > 0;
}

static GBytes *
fetch_http (StorySyncManager  *self,
            const char        *url,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_set_error (error, STORY_SYNC_ERROR, STORY_SYNC_ERROR_UNSUPPORTED,
                   _("“%s” is not a web address Storyline can open"), url);
      return NULL;
    }

  soup_message_headers_append (soup_message_get_request_headers (message), "Accept",
                               "application/feed+json, application/json;q=0.9, */*;q=0.1");

  body = soup_session_send_and_read (self->session, message, cancellable, error);
  if (body == NULL)
    return NULL;

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, STORY_SYNC_ERROR, STORY_SYNC_ERROR_HTTP,
                   _("The server answered %u %s"), status,
                   soup_message_get_reason_phrase (message));
      return NULL;
    }

  if (g_bytes_get_size (body) > MAX_BODY_SIZE)
    {
      g_set_error (error, STORY_SYNC_ERROR, STORY_SYNC_ERROR_TOO_LARGE,
                   _("The feed is larger than %d MiB"), MAX_BODY_SIZE / (1024 * 1024));
      return NULL;
    }

  return g_steal_pointer (&body);
}

/* The bundled sample lives in the GResource; local files are allowed for the CLI and tests. */
static GBytes *
fetch (StorySyncManager  *self,
       const char        *url,
       GCancellable      *cancellable,
       GError           **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                         g_ascii_strcasecmp (scheme, "https") == 0))
    return fetch_http (self, url, cancellable, error);

  if (scheme != NULL && (g_str_equal (scheme, "resource") || g_str_equal (scheme, "file")))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (url);

      return g_file_load_bytes (file, cancellable, NULL, error);
    }

  g_set_error (error, STORY_SYNC_ERROR, STORY_SYNC_ERROR_UNSUPPORTED,
               _("“%s” is not a web address Storyline can open"), url);
  return NULL;
}

static char *
summarize (const char *text)
{
  const char *end;
  glong n_chars;

  if (story_str_empty (text))
    return NULL;

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars <= SUMMARY_CHARS)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, SUMMARY_CHARS);
  /* Cut at a word boundary when there is one nearby. */
  for (const char *p = end; p > text && end - p < 40; p = g_utf8_prev_char (p))
    {
      if (*p == ' ')
        {
          end = p;
          break;
        }
    }

  {
    g_autofree char *head = g_strndup (text, end - text);

    return g_strconcat (head, "…", NULL);
  }
}

static void
sanitize_article (StoryArticle *article,
                  const char   *feed_url)
{
  const char *base = story_article_get_url (article);
  g_autoptr(StorySanitized) clean = NULL;

  /* Relative links in a body resolve against the article, else the feed. */
  if (base == NULL || g_str_has_prefix (feed_url, "resource:"))
    base = feed_url;

  clean = story_sanitize_html (story_article_get_content_html (article), base);
  story_article_set_content_html (article, clean->html);
  story_article_set_content_text (article, clean->text);

  if (story_article_get_summary (article) == NULL)
    {
      g_autofree char *summary = summarize (clean->text);

      story_article_set_summary (article, summary);
    }

  if (story_article_get_image (article) == NULL && clean->images->len > 0)
    story_article_set_image (article, g_ptr_array_index (clean->images, 0));

  /* Every image the page will show, for the offline cache: the body's and the hero. */
  {
    g_autoptr(GPtrArray) urls = g_ptr_array_new ();
    const char *hero = story_article_get_image (article);

    if (hero != NULL && !g_ptr_array_find_with_equal_func (clean->images, hero, g_str_equal, NULL))
      g_ptr_array_add (clean->images, g_strdup (hero));

    /* Bundled images (the sample's resource: URLs) need no download. */
    for (guint i = 0; i < clean->images->len; i++)
      {
        const char *url = g_ptr_array_index (clean->images, i);

        if (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
          g_ptr_array_add (urls, (gpointer)url);
      }
    g_ptr_array_add (urls, NULL);
    story_article_set_image_urls (article, (const char * const *)urls->pdata);
  }
}

static StorySyncReport *
sync_source (StorySyncManager *self,
             StorySource      *source,
             GCancellable     *cancellable)
{
  StorySyncReport *report = g_new0 (StorySyncReport, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GError) save_error = NULL;
  StoryStoreSaveStats stats = { 0 };
  const char *url = story_source_get_url (source);

  report->source_id = story_source_get_id (source);
  report->source_title = g_strdup (story_source_get_title (source) ?: url);

  bytes = fetch (self, url, cancellable, &report->error);
  if (bytes != NULL)
    feed = story_json_feed_parse (bytes, url, &report->error);

  if (feed != NULL)
    {
      for (guint i = 0; i < feed->articles->len; i++)
        sanitize_article (g_ptr_array_index (feed->articles, i), url);

      if (!g_cancellable_set_error_if_cancelled (cancellable, &report->error))
        story_store_save_articles (self->store, report->source_id, feed->articles, &stats,
                                   &report->error);
    }

  /* A cancelled sync is not the source's fault: leave its state alone. */
  if (report->error != NULL && g_error_matches (report->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return report;

  report->n_new = stats.n_new;
  report->n_updated = stats.n_updated;
  report->n_unchanged = stats.n_unchanged;

  if (feed != NULL && feed->title != NULL && report->error == NULL)
    {
      story_source_set_title (source, feed->title);
      g_free (report->source_title);
      report->source_title = g_strdup (feed->title);
    }
  if (feed != NULL && report->error == NULL)
    {
      story_source_set_home_page_url (source, feed->home_page_url);
      story_source_set_icon_url (source, feed->favicon ?: feed->icon);
      story_source_set_last_sync (source, g_get_real_time () / G_USEC_PER_SEC);
    }
  story_source_set_last_error (source, report->error ? report->error->message : NULL);

  if (!story_store_update_source (self->store, source, &save_error))
    g_warning ("Could not record the state of source %" G_GINT64_FORMAT ": %s",
               report->source_id, save_error->message);

  if (report->error != NULL)
    g_info ("Source %" G_GINT64_FORMAT " failed: %s", report->source_id, report->error->message);

  return report;
}

/**
 * story_sync_manager_sync:
 * @source_ids: (array length=n_source_ids) (nullable): the sources to sync;
 *   all of them when %NULL
 *
 * Syncs synchronously; call it from a worker thread or a command-line tool.
 *
 * Returns: (transfer full) (element-type StorySyncReport): one report per
 *   source, in order; %NULL when the sources could not even be listed
 */
GPtrArray *
story_sync_manager_sync (StorySyncManager *self,
                         const gint64     *source_ids,
                         guint             n_source_ids,
                         GCancellable     *cancellable)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), NULL);

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify)story_sync_report_free);

  if (source_ids == NULL)
    {
      sources = story_store_list_sources (self->store, &error);
      if (sources == NULL)
        {
          g_warning ("Could not list sources: %s", error->message);
          return NULL;
        }
    }
  else
    {
      sources = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n_source_ids; i++)
        {
          g_autoptr(GError) local_error = NULL;
          StorySource *source = story_store_get_source (self->store, source_ids[i], &local_error);

          if (source != NULL)
            g_ptr_array_add (sources, source);
          else
            {
              StorySyncReport *report = g_new0 (StorySyncReport, 1);

              report->source_id = source_ids[i];
              report->error = g_steal_pointer (&local_error);
              g_ptr_array_add (reports, report);
            }
        }
    }

  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add (reports, sync_source (self, g_ptr_array_index (sources, i), cancellable));

  /* Old articles go before images are counted, so their images go with them. */
  if (self->retention_days > 0 && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) retention_error = NULL;
      guint n_deleted = 0;

      if (!story_store_apply_retention (self->store, self->retention_days,
                                        STORY_SYNC_KEEP_PER_SOURCE, &n_deleted, &retention_error))
        g_warning ("Could not remove old articles: %s", retention_error->message);
      else if (n_deleted > 0)
        g_debug ("Removed %u articles older than %u days", n_deleted, self->retention_days);
    }

  /* Images last: the articles are readable first, and pictures follow. */
  if (self->image_cache != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      StoryImageFetchStats stats = { 0 };

      if (story_image_cache_fetch_pending (self->image_cache, self->store, 0, &stats, cancellable,
                                           &error))
        g_debug ("Images: %u fetched, %u failed, %u evicted", stats.n_fetched, stats.n_failed,
                 stats.n_evicted);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not update the image cache: %s", error->message);
    }

  return g_steal_pointer (&reports);
}

typedef struct
{
  gint64 *source_ids;
  guint   n_source_ids;
} SyncData;

static void
sync_data_free (SyncData *data)
{
  g_free (data->source_ids);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StorySyncManager *self = source_object;
  SyncData *data = task_data;
  GPtrArray *reports;

  reports = story_sync_manager_sync (self, data->source_ids, data->n_source_ids, cancellable);
  if (reports == NULL)
    g_task_return_new_error (task, STORY_SYNC_ERROR, STORY_SYNC_ERROR_FAILED,
                             _("The article cache could not be read"));
  else
    g_task_return_pointer (task, reports, (GDestroyNotify)g_ptr_array_unref);
}

static void
sync_finished_cb (StorySyncManager *self)
{
  self->n_running--;
  if (self->n_running == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

/* Syncs on a worker thread; see story_sync_manager_sync(). */
void
story_sync_manager_sync_async (StorySyncManager    *self,
                               const gint64        *source_ids,
                               guint                n_source_ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));

  data = g_new0 (SyncData, 1);
  if (source_ids != NULL)
    {
      data->source_ids = g_memdup2 (source_ids, sizeof (gint64) * n_source_ids);
      data->n_source_ids = n_source_ids;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_sync_manager_sync_async);
  g_task_set_task_data (task, data, (GDestroyNotify)sync_data_free);

  self->n_running++;
  if (self->n_running == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (sync_finished_cb), self,
                           G_CONNECT_SWAPPED);

  g_task_run_in_thread (task, sync_thread);
}

/**
 * story_sync_manager_sync_finish:
 *
 * Returns: (transfer full) (element-type StorySyncReport): the reports
 */
GPtrArray *
story_sync_manager_sync_finish (StorySyncManager  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
