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
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "story-date.h"
#include "story-image-cache.h"
#include "story-http.h"
#include "story-json-feed.h"
#include "story-provider.h"
#include "story-sanitizer.h"
#include "story-secrets.h"
#include "story-sync-manager.h"
#include "story-util.h"

#define SUMMARY_CHARS   280

/* After a failure a source waits 2 minutes, then 4, 8… up to 12 hours, plus up
 * to a quarter more at random so that sources failing together do not come
 * back together. A server's own Retry-After wins when it asks for longer. */
#define BACKOFF_BASE_SECONDS   (2 * 60)
#define BACKOFF_MAX_SECONDS    (12 * 60 * 60)
#define RETRY_AFTER_MAX        (24 * 60 * 60)

/* Which sources a sync asks. */
typedef enum
{
  SYNC_NAMED,   /* the sources named: now, whatever their backoff */
  SYNC_ALL,     /* all sources not backing off after a failure */
  SYNC_DUE,     /* those of SYNC_ALL whose own interval has passed */
  SYNC_RETRY,   /* all sources now, backing off or not */
} SyncMode;

struct _StorySyncManager
{
  GObject      parent_instance;

  StoryStore      *store;
  StoryImageCache *image_cache;
  StoryHttp       *http;
  GMutex           sync_lock;         /* one sync at a time touches the sources */
  guint            n_running;
  int              default_interval;  /* minutes; atomic, read by the sync thread */
  guint            retention_days;
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
  g_free (report->moved_to);
  g_clear_error (&report->error);
  g_free (report);
}

static void
story_sync_manager_dispose (GObject *object)
{
  StorySyncManager *self = (StorySyncManager *)object;

  g_clear_object (&self->image_cache);
  g_clear_object (&self->http);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (story_sync_manager_parent_class)->dispose (object);
}

static void
story_sync_manager_finalize (GObject *object)
{
  StorySyncManager *self = (StorySyncManager *)object;

  g_mutex_clear (&self->sync_lock);

  G_OBJECT_CLASS (story_sync_manager_parent_class)->finalize (object);
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
  object_class->finalize = story_sync_manager_finalize;
  object_class->get_property = story_sync_manager_get_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
story_sync_manager_init (StorySyncManager *self)
{
  g_mutex_init (&self->sync_lock);
  self->http = story_http_new ();
  self->default_interval = 30;
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

/**
 * story_sync_manager_get_http:
 *
 * Returns: (transfer none): the HTTP client every sync uses; discovery and
 *   tests share it (tests shorten its limits)
 */
StoryHttp *
story_sync_manager_get_http (StorySyncManager *self)
{
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), NULL);

  return self->http;
}

/* Minutes between two scheduled syncs of a source that sets no interval of its own. */
void
story_sync_manager_set_default_interval (StorySyncManager *self,
                                         int               minutes)
{
  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));
  g_return_if_fail (minutes > 0);

  g_atomic_int_set (&self->default_interval, minutes);
}

gboolean
story_sync_manager_get_syncing (StorySyncManager *self)
{
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), FALSE);

  return self->n_running > 0;
}

/* The bundled sample lives in the GResource; local files are allowed for the
 * CLI and tests. They answer like a server that has no validators. */
static StoryHttpResponse *
fetch (StorySyncManager        *self,
       const StoryHttpRequest  *request,
       gint64                  *retry_after,
       GCancellable            *cancellable,
       GError                 **error)
{
  g_autofree char *scheme = g_uri_parse_scheme (request->url);
  StoryHttpResponse *response;
  g_autoptr(GFile) file = NULL;
  GBytes *body;

  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                         g_ascii_strcasecmp (scheme, "https") == 0))
    return story_http_get (self->http, request, retry_after, cancellable, error);

  if (scheme == NULL || !(g_str_equal (scheme, "resource") || g_str_equal (scheme, "file")))
    {
      g_autofree char *shown = story_url_redact (request->url);

      g_set_error (error, STORY_SYNC_ERROR, STORY_SYNC_ERROR_UNSUPPORTED,
                   _("“%s” is not a web address Storyline can open"), shown);
      return NULL;
    }

  file = g_file_new_for_uri (request->url);
  body = g_file_load_bytes (file, cancellable, NULL, error);
  if (body == NULL)
    return NULL;

  response = g_new0 (StoryHttpResponse, 1);
  response->status = 200;
  response->body = body;
  response->url = g_strdup (request->url);

  return response;
}

static char *
summarize (const char *text)
{
  const char *end = text;

  if (story_str_empty (text))
    return NULL;

  /* Only the first characters are counted: a body is thousands. */
  for (guint n = 0; n < SUMMARY_CHARS && *end != '\0'; n++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);

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

/* Saving a big source is a pipeline over the cores: workers sanitize the
 * articles a chunk at a time and prepare their rows (compressed, hashed,
 * their words extracted), while a writer writes the chunks, in order, in the
 * source's one transaction. A feed of many pages is written while its next
 * pages are fetched and parsed: chunks are added as pages come. */
#define CHUNK_ARTICLES  32
#define N_WORKERS       2
#define MAX_LEAD        4   /* chunks the workers may be ahead of the writer */
#define TRIM_CHUNKS     64  /* chunks written between two trims of the heap */

typedef struct
{
  StoryArticle  *articles[CHUNK_ARTICLES];  /* owned until written */
  StoryStoreRow *rows[CHUNK_ARTICLES];      /* set by the worker of the chunk */
  guint          n_articles;
  gboolean       done;                      /* prepared; under the lock */
} Chunk;

static void
chunk_free (Chunk *chunk)
{
  for (guint i = 0; i < chunk->n_articles; i++)
    {
      story_store_row_free (chunk->rows[i]);
      g_clear_object (&chunk->articles[i]);
    }
  g_free (chunk);
}

typedef struct
{
  StorySyncManager    *self;
  gint64               source_id;
  char                *feed_url;
  GCancellable        *cancellable;

  GMutex               lock;
  GCond                cond;
  GPtrArray           *chunks;      /* Chunk*, owned; grows until complete */
  gboolean             complete;    /* no more chunks come */
  gboolean             stop;        /* the writer gave up, or the pages failed */
  guint                next_chunk;  /* the next chunk a worker takes */
  guint                writing;     /* the chunk the writer is at */

  StoryStoreSaveStats  stats;       /* the writer's result */
  GError              *error;
} Pipeline;

static Pipeline *
pipeline_new (StorySyncManager *self,
              gint64            source_id,
              const char       *feed_url,
              GCancellable     *cancellable)
{
  Pipeline *pipeline = g_new0 (Pipeline, 1);

  pipeline->self = self;
  pipeline->source_id = source_id;
  pipeline->feed_url = g_strdup (feed_url);
  pipeline->cancellable = cancellable;
  g_mutex_init (&pipeline->lock);
  g_cond_init (&pipeline->cond);
  pipeline->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify)chunk_free);

  return pipeline;
}

static void
pipeline_free (Pipeline *pipeline)
{
  g_ptr_array_unref (pipeline->chunks);
  g_mutex_clear (&pipeline->lock);
  g_cond_clear (&pipeline->cond);
  g_free (pipeline->feed_url);
  g_clear_error (&pipeline->error);
  g_free (pipeline);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pipeline, pipeline_free)

/* Hands @articles (taken) to the pipeline; call pipeline_finish() after the last. */
static void
pipeline_add (Pipeline  *pipeline,
              GPtrArray *articles)
{
  g_autoptr(GPtrArray) chunks = g_ptr_array_new ();
  Chunk *chunk = NULL;

  /* Each slot is moved into a chunk. */
  g_ptr_array_set_free_func (articles, NULL);
  for (guint i = 0; i < articles->len; i++)
    {
      if (chunk == NULL || chunk->n_articles == CHUNK_ARTICLES)
        {
          chunk = g_new0 (Chunk, 1);
          g_ptr_array_add (chunks, chunk);
        }
      chunk->articles[chunk->n_articles++] = g_ptr_array_index (articles, i);
    }
  g_ptr_array_unref (articles);

  g_mutex_lock (&pipeline->lock);
  for (guint i = 0; i < chunks->len; i++)
    g_ptr_array_add (pipeline->chunks, g_ptr_array_index (chunks, i));
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);
}

/* No more articles come; with @error (taken), the source failed and nothing
 * of it may be kept. */
static void
pipeline_finish (Pipeline *pipeline,
                 GError   *error)
{
  g_mutex_lock (&pipeline->lock);
  pipeline->complete = TRUE;
  if (error != NULL)
    {
      pipeline->stop = TRUE;
      if (pipeline->error == NULL)
        pipeline->error = error;
      else
        g_error_free (error);
    }
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);
}

static gboolean
pipeline_stopped (Pipeline *pipeline)
{
  gboolean stopped;

  g_mutex_lock (&pipeline->lock);
  stopped = pipeline->stop;
  g_mutex_unlock (&pipeline->lock);

  return stopped;
}

static gpointer
pipeline_worker (gpointer data)
{
  Pipeline *pipeline = data;

  g_mutex_lock (&pipeline->lock);
  for (;;)
    {
      Chunk *chunk;
      guint index;

      while (!pipeline->stop && !pipeline->complete
             && pipeline->next_chunk >= pipeline->chunks->len)
        g_cond_wait (&pipeline->cond, &pipeline->lock);
      if (pipeline->stop || pipeline->next_chunk >= pipeline->chunks->len)
        break;

      /* Prepared rows wait in memory until written: the workers keep only
       * a few chunks ahead of the writer. */
      index = pipeline->next_chunk++;
      while (index >= pipeline->writing + MAX_LEAD && !pipeline->stop)
        g_cond_wait (&pipeline->cond, &pipeline->lock);
      if (pipeline->stop)
        break;
      chunk = g_ptr_array_index (pipeline->chunks, index);
      g_mutex_unlock (&pipeline->lock);

      for (guint i = 0; i < chunk->n_articles; i++)
        {
          sanitize_article (chunk->articles[i], pipeline->feed_url);
          chunk->rows[i] = story_store_row_new (chunk->articles[i]);
        }

      g_mutex_lock (&pipeline->lock);
      chunk->done = TRUE;
      g_cond_broadcast (&pipeline->cond);
    }
  g_mutex_unlock (&pipeline->lock);

  return NULL;
}

/* A worker of its own: the writer goes first (see story_thread_yield_to_writer()). */
static gpointer
pipeline_worker_thread (gpointer data)
{
  story_thread_yield_to_writer ();
  return pipeline_worker (data);
}

static void
pipeline_stop (Pipeline *pipeline)
{
  g_mutex_lock (&pipeline->lock);
  pipeline->stop = TRUE;
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);
}

/* Writes the pipeline's articles as one batch, all or nothing, as they are
 * prepared, letting each go once written so that a big source's bodies do
 * not all wait for the commit. Sets the pipeline's stats or error. */
static gpointer
pipeline_write (gpointer data)
{
  Pipeline *pipeline = data;
  g_autoptr(StoryStoreBatch) batch = NULL;
  GThread *workers[N_WORKERS] = { NULL };
  GError *error = NULL;
  guint n_workers = 0;
  gboolean ok = TRUE;

  batch = story_store_begin_batch (pipeline->self->store, pipeline->source_id, &error);
  if (batch == NULL)
    {
      pipeline_stop (pipeline);
      goto out;
    }

  /* A small source that came whole is not worth a thread: this one prepares
   * it all first (it never waits for the writer, having no more than
   * MAX_LEAD chunks). */
  g_mutex_lock (&pipeline->lock);
  if (!pipeline->complete || pipeline->chunks->len > MAX_LEAD)
    n_workers = N_WORKERS;
  g_mutex_unlock (&pipeline->lock);
  for (guint i = 0; i < n_workers; i++)
    workers[i] = g_thread_new ("story-sanitize", pipeline_worker_thread, pipeline);
  if (n_workers == 0)
    pipeline_worker (pipeline);

  for (guint index = 0; ok; index++)
    {
      Chunk *chunk = NULL;

      g_mutex_lock (&pipeline->lock);
      pipeline->writing = index;
      g_cond_broadcast (&pipeline->cond);
      while (!pipeline->stop
             && !(index < pipeline->chunks->len
                  && ((Chunk *)g_ptr_array_index (pipeline->chunks, index))->done)
             && !(pipeline->complete && index >= pipeline->chunks->len))
        g_cond_wait (&pipeline->cond, &pipeline->lock);
      if (!pipeline->stop && index < pipeline->chunks->len)
        chunk = g_ptr_array_index (pipeline->chunks, index);
      ok = !pipeline->stop;
      g_mutex_unlock (&pipeline->lock);

      if (chunk == NULL)
        break;

      if (g_cancellable_set_error_if_cancelled (pipeline->cancellable, &error))
        {
          ok = FALSE;
          break;
        }
#ifdef __GLIBC__
      /* The parsed articles written so far were allocated by the thread
       * that fetched them, and their memory goes back to its malloc arena,
       * which the workers' allocations never reuse: give it back to the
       * system now and then, or the sync's peak grows by the feed's size. */
      if (index > 0 && index % TRIM_CHUNKS == 0)
        malloc_trim (0);
#endif

      for (guint i = 0; ok && i < chunk->n_articles; i++)
        {
          ok = story_store_batch_add_row (batch, chunk->rows[i], &error);
          /* Written: the body and its copies need not wait for the commit. */
          g_clear_pointer (&chunk->rows[i], story_store_row_free);
          g_clear_object (&chunk->articles[i]);
        }
    }

  pipeline_stop (pipeline);
  for (guint i = 0; i < n_workers; i++)
    g_thread_join (workers[i]);

  g_mutex_lock (&pipeline->lock);
  /* The pages failed: their error is the source's. */
  if (pipeline->error != NULL)
    ok = FALSE;
  g_mutex_unlock (&pipeline->lock);

  if (ok)
    story_store_batch_commit (g_steal_pointer (&batch), &pipeline->stats, &error);

out:
  g_mutex_lock (&pipeline->lock);
  if (error != NULL && pipeline->error == NULL)
    pipeline->error = error;
  else
    g_clear_error (&error);
  g_mutex_unlock (&pipeline->lock);

  return NULL;
}

/* Sanitizes @articles and saves them as one batch, on this thread: all or
 * nothing. The articles are taken. */
static gboolean
save_articles (StorySyncManager     *self,
               gint64                source_id,
               GPtrArray            *articles,
               const char           *feed_url,
               StoryStoreSaveStats  *stats,
               GCancellable         *cancellable,
               GError              **error)
{
  Pipeline *pipeline = pipeline_new (self, source_id, feed_url, cancellable);
  gboolean ok;

  pipeline_add (pipeline, articles);
  pipeline_finish (pipeline, NULL);
  pipeline_write (pipeline);

  ok = pipeline->error == NULL;
  if (ok)
    *stats = pipeline->stats;
  else
    g_propagate_error (error, g_steal_pointer (&pipeline->error));
  pipeline_free (pipeline);

  return ok;
}

/* Only ever compared with the last response's: see story_hash64(). */
static char *
hash_body (GBytes *body)
{
  gsize length;
  const void *data = g_bytes_get_data (body, &length);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", story_hash64 (data, length, 0));
}

static gint64
backoff_seconds (int    n_failures,
                 gint64 retry_after)
{
  gint64 delay = BACKOFF_BASE_SECONDS;

  for (int i = 1; i < n_failures && delay < BACKOFF_MAX_SECONDS; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_SECONDS);
  delay += g_random_int_range (0, (gint32)(delay / 4) + 1);

  return MAX (delay, MIN (retry_after, RETRY_AFTER_MAX));
}

/* Adds the articles of @page not seen on an earlier page: a feed that repeats
 * an item across pages must not count it twice. */
static void
take_articles (GPtrArray  *articles,
               GHashTable *remote_ids,
               StoryFeed  *page)
{
  for (guint i = 0; i < page->articles->len; i++)
    {
      StoryArticle *article = g_ptr_array_index (page->articles, i);
      const char *remote_id = story_article_get_remote_id (article);

      if (remote_id != NULL && !g_hash_table_add (remote_ids, g_strdup (remote_id)))
        continue;
      g_ptr_array_add (articles, g_object_ref (article));
    }
}

/* A source's user name and password, from the keyring, for the server that
 * asks for them (HTTP 401): on this worker thread, only then, and never kept. */
typedef struct
{
  gint64  source_id;
  GUri   *origin;   /* (nullable): the source's address; only its server gets them */
  char   *in_url;   /* (nullable): credentials still in the stored address, where an
                     * older version put them and no keyring could take them yet */
} SourceLogin;

static void
source_login_clear (SourceLogin *login)
{
  g_clear_pointer (&login->origin, g_uri_unref);
  g_clear_pointer (&login->in_url, story_str_wipe);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SourceLogin, source_login_clear)

static char *
lookup_login (gpointer   user_data,
              GError   **error)
{
  SourceLogin *login = user_data;

  if (login->in_url != NULL)
    return g_strdup (login->in_url);

  return story_secrets_lookup_sync (login->source_id, STORY_SECRET_URL_LOGIN, NULL, error);
}

/* Sets @request up to answer a password request from the source's own server. */
static void
request_add_login (StoryHttpRequest *request,
                   SourceLogin      *login)
{
  g_autoptr(GUri) uri = NULL;

  if (login->origin == NULL)
    return;
  uri = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || !story_uri_same_origin (uri, login->origin))
    return;

  request->login_func = lookup_login;
  request->login_data = login;
}

/* Fetches one page the way @provider wants it asked for. An answer of 400
 * or more that the provider can explain becomes its explanation. */
static StoryHttpResponse *
fetch_page (StorySyncManager            *self,
            const StoryProvider         *provider,
            const StoryProviderContext  *context,
            const char                  *page_url,
            const StorySourceSyncState  *state,
            SourceLogin                 *login,
            gint64                      *retry_after,
            GCancellable                *cancellable,
            GError                     **error)
{
  g_autoptr(StoryProviderRequest) page_request = NULL;
  g_autoptr(StoryHttpResponse) response = NULL;
  StoryHttpRequest request = { NULL };

  page_request = story_provider_build_request (provider, context, page_url);
  request.url = page_request->url;
  request.accept = page_request->accept;
  request.headers = (const char * const *)page_request->headers->pdata;
  request.keep_error_body = provider->explain_error != NULL;
  if (state != NULL)
    {
      request.etag = state->etag;
      request.last_modified = state->last_modified;
    }
  if (login != NULL)
    request_add_login (&request, login);
  if (login != NULL)
    request_add_login (&request, login);

  response = fetch (self, &request, retry_after, cancellable, error);
  if (response == NULL)
    return NULL;

  if (response->status >= 400)
    {
      story_provider_set_status_error (provider, response->status, response->body, error);
      return NULL;
    }

  /* An address with a key in it is never kept, logged, or used as a base for
   * the articles' links: the page's own address stands in for it. */
  if (provider->key_in_query)
    {
      g_free (response->url);
      response->url = g_strdup (page_url);
      g_clear_pointer (&response->permanent_url, g_free);
    }

  return g_steal_pointer (&response);
}

/* Fetches the pages after the first one, following next_url up to the
 * provider's limit and stopping at a loop. Their articles are added to
 * @articles, or handed to @pipeline page by page when there is one. Any
 * failure fails the whole source: a partial feed is never stored. */
static gboolean
fetch_more_pages (StorySyncManager            *self,
                  const StoryProvider         *provider,
                  const StoryProviderContext  *context,
                  StoryFeed                   *first,
                  const char                  *first_url,
                  GPtrArray                   *articles,
                  Pipeline                    *pipeline,
                  GHashTable                  *remote_ids,
                  SourceLogin                 *login,
                  GCancellable                *cancellable,
                  GError                     **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup (first->next_url);

  g_hash_table_add (visited, g_strdup (first_url));

  for (guint n_pages = 1; next != NULL; n_pages++)
    {
      g_autoptr(StoryHttpResponse) response = NULL;
      g_autoptr(StoryFeed) page = NULL;

      if (n_pages >= provider->max_pages)
        {
          g_info ("Stopped paging after %u pages", n_pages);
          break;
        }
      if (!g_hash_table_add (visited, g_strdup (next)))
        {
          g_info ("The feed's pages loop back after %u pages", n_pages);
          break;
        }
      /* The articles so far could not be stored: the rest need not come. */
      if (pipeline != NULL && pipeline_stopped (pipeline))
        break;

      response = fetch_page (self, provider, context, next, NULL, login, NULL,
                               cancellable, error);
      if (response == NULL)
        return FALSE;
      if (response->body == NULL)
        break;

      page = provider->parse (response->body, response, next, error);
      if (page == NULL)
        return FALSE;

      if (pipeline != NULL)
        {
          GPtrArray *page_articles = g_ptr_array_new_with_free_func (g_object_unref);

          take_articles (page_articles, remote_ids, page);
          pipeline_add (pipeline, page_articles);
        }
      else
        take_articles (articles, remote_ids, page);
      g_free (next);
      next = g_strdup (page->next_url);
    }

  return TRUE;
}

/* Tells a two-way service of the read and starred changes made here since
 * the last sync, oldest first, before asking it for its own: a change made
 * offline is never lost to the service's older state. Those it took leave
 * the queue; on a failure the rest stay for the next sync. */
static gboolean
push_pending_changes (StorySyncManager            *self,
                      const StoryProvider         *provider,
                      const StoryProviderContext  *context,
                      gint64                       source_id,
                      GCancellable                *cancellable,
                      GError                     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_pushed = 0;
  gboolean ok;

  changes = story_store_list_pending_changes (self->store, source_id, error);
  if (changes == NULL)
    return FALSE;
  if (changes->len == 0)
    return TRUE;

  ok = provider->push_changes (context, self->http, changes, &n_pushed, cancellable,
                               &local_error);
  if (n_pushed > 0)
    {
      StoryPendingChange *last = g_ptr_array_index (changes, n_pushed - 1);
      g_autoptr(GError) store_error = NULL;

      if (!story_store_remove_pending_changes (self->store, source_id, last->id, &store_error))
        g_message ("Could not forget the changes sent for source %" G_GINT64_FORMAT ": %s",
                   source_id, store_error->message);
    }
  g_debug ("Sent %u of %u changes for source %" G_GINT64_FORMAT, n_pushed, changes->len,
           source_id);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Stores a successful sync's knowledge of the source; errors only warn, the
 * articles are already safe. */
static void
record_source (StorySyncManager     *self,
               StorySource          *source,
               StorySourceSyncState *state)
{
  g_autoptr(GError) error = NULL;
  gint64 source_id = story_source_get_id (source);

  /* Not a warning: a full disk or a locked cache is the world, not a bug,
   * and the report still carries the source's error to the user. */
  if (!story_store_update_source (self->store, source, &error) ||
      !story_store_set_sync_state (self->store, source_id, state, &error))
    g_message ("Could not record the state of source %" G_GINT64_FORMAT ": %s",
               source_id, error->message);
}

static gpointer
ref_article (gconstpointer article,
             gpointer      user_data)
{
  return g_object_ref ((gpointer) article);
}

static StorySyncReport *
sync_source (StorySyncManager *self,
             StorySource      *source,
             SyncMode          mode,
             GCancellable     *cancellable)
{
  StorySyncReport *report = g_new0 (StorySyncReport, 1);
  g_auto(StorySourceSyncState) state = { 0 };
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) remote_state = NULL;
  g_autofree char *next_cursor = NULL;
  g_autoptr(GHashTable) remote_ids = NULL;
  g_autofree char *body_hash = NULL;
  g_autofree char *first_url = NULL;
  StoryStoreSaveStats stats = { 0 };
  StoryProviderContext context = { NULL };
  g_autoptr(StorySecret) api_key = NULL;
  g_autoptr(StorySecret) login_secret = NULL;
  const StoryProvider *provider;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 retry_after = 0;
  const char *url = story_source_get_url (source);
  g_auto(SourceLogin) login = { story_source_get_id (source), NULL, NULL };
  g_autofree char *address = NULL;
  g_autoptr(Pipeline) streamed = NULL;

  report->source_id = story_source_get_id (source);
  /* The address may carry a password: never in a report, which is shown and logged. */
  report->source_title = story_source_get_title (source) != NULL
                           ? g_strdup (story_source_get_title (source))
                           : story_url_redact (url);

  if (!story_store_get_sync_state (self->store, report->source_id, &state, &report->error))
    return report;

  /* A scheduled sync leaves a failing source alone until its backoff ends… */
  if ((mode == SYNC_ALL || mode == SYNC_DUE) && state.next_attempt > now)
    {
      report->skipped = TRUE;
      return report;
    }

  /* …and a fresh one until its interval has passed (a minute early is fine:
   * the timer that drives this is not exact). */
  if (mode == SYNC_DUE && story_source_get_last_sync (source) > 0)
    {
      int minutes = state.sync_interval > 0 ? state.sync_interval
                                            : g_atomic_int_get (&self->default_interval);

      if (now < story_source_get_last_sync (source) + (gint64)minutes * 60 - 60)
        {
          report->not_due = TRUE;
          return report;
        }
    }

  provider = story_provider_for_kind (story_source_get_kind (source));
  if (provider == NULL)
    {
      g_set_error (&report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_UNKNOWN_KIND,
                   _("This version of Storyline cannot read sources of the kind “%s”"),
                   story_source_get_kind (source));
      return report;
    }

  /* Never fetched with credentials in the address: they would end up in
   * the addresses the answer gives (the base of relative links). */
  address = story_url_split_credentials (url, &login.in_url);
  context.url = address;
  context.started = now;
  context.cursor = state.cursor;

  /* An API key lives in the keyring; it is looked up here, on the sync's
   * thread, for this sync only, and wiped afterwards. */
  if (provider->needs_api_key)
    {
      api_key = story_secrets_lookup_sync (report->source_id, STORY_SECRET_API_KEY, cancellable,
                                           &report->error);
      if (api_key == NULL && report->error == NULL)
        g_set_error (&report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NEEDS_KEY,
                     /* Translators: %s is a service, like “The Guardian” */
                     _("%s needs an API key, and the keyring has none for this source: "
                       "remove the source and add it again with its key"),
                     story_provider_get_display_name (provider));
      if (api_key == NULL)
        goto fetched;
      context.api_key = api_key;
    }

  /* A sync account's user name and app password came with its address and
   * live in the keyring too. */
  if (provider->needs_login)
    {
      login_secret = story_secrets_lookup_sync (report->source_id, STORY_SECRET_URL_LOGIN,
                                                cancellable, &report->error);
      if (login_secret == NULL && report->error == NULL)
        g_set_error (&report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NEEDS_KEY,
                     /* Translators: %s is a service, like “Nextcloud News” */
                     _("%s needs a user name and an app password, and the keyring has none "
                       "for this source: add it again as https://user:app-password@server/"),
                     story_provider_get_display_name (provider));
      if (login_secret == NULL)
        goto fetched;
      context.login = login_secret;
    }

  if (provider->two_way && provider->push_changes != NULL &&
      !push_pending_changes (self, provider, &context, report->source_id, cancellable,
                             &report->error))
    goto fetched;

  first_url = provider->first_page != NULL ? provider->first_page (&context)
                                            : g_strdup (address);
  login.origin = g_uri_parse (address, SOUP_HTTP_URI_FLAGS, NULL);
  response = fetch_page (self, provider, &context, first_url, &state, &login, &retry_after,
                         cancellable, &report->error);

  if (response != NULL && response->body != NULL)
    {
      body_hash = hash_body (response->body);
      if (g_strcmp0 (body_hash, state.body_hash) == 0)
        report->not_modified = TRUE;
    }
  else if (response != NULL)
    report->not_modified = TRUE;

  /* Only a new body is parsed; a 304 or the same bytes again cost nothing. */
  if (response != NULL && !report->not_modified)
    {
      feed = provider->parse (response->body, response, first_url, &report->error);
      if (feed != NULL)
        {
          articles = g_ptr_array_new_with_free_func (g_object_unref);
          remote_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          take_articles (articles, remote_ids, feed);

          /* A feed of more pages is stored while the next ones are fetched
           * and parsed, unless the whole of it is needed first: a two-way
           * account's state and a resume cursor are read off all pages. */
          if (feed->next_url != NULL && !provider->two_way && provider->next_cursor == NULL)
            {
              g_autoptr(GError) pages_error = NULL;
              GThread *writer;

              streamed = pipeline_new (self, report->source_id, response->url, cancellable);
              pipeline_add (streamed, g_steal_pointer (&articles));
              writer = g_thread_new ("story-save", pipeline_write, streamed);
              fetch_more_pages (self, provider, &context, feed, response->url, NULL, streamed,
                                remote_ids, &login, cancellable, &pages_error);
              pipeline_finish (streamed, g_steal_pointer (&pages_error));
              g_thread_join (writer);

              if (streamed->error != NULL)
                report->error = g_steal_pointer (&streamed->error);
              else
                stats = streamed->stats;
            }
          else if (!fetch_more_pages (self, provider, &context, feed, response->url, articles,
                                      NULL, remote_ids, &login, cancellable, &report->error))
            g_clear_pointer (&articles, g_ptr_array_unref);
        }
    }

fetched:
  /* A two-way account's read and starred state is applied once its articles are
   * stored; the save lets go of each article as it is written, so keep them. */
  if (articles != NULL && provider->two_way)
    remote_state = g_ptr_array_copy (articles, ref_article, NULL);

  /* Where the next sync resumes, read off the articles before the save lets them go;
   * kept only once they are safely stored. */
  if (provider->next_cursor != NULL)
    next_cursor = provider->next_cursor (&context, articles);

  /* All pages of the source in one transaction: all or nothing. */
  if (articles != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &report->error))
    save_articles (self, report->source_id, g_steal_pointer (&articles), response->url, &stats,
                   cancellable, &report->error);

  /* The service's read and starred state, for articles now stored. */
  if (remote_state != NULL && report->error == NULL)
    story_store_apply_remote_state (self->store, report->source_id, remote_state,
                                    &report->error);

  /* A cancelled sync is not the source's fault: leave its state alone. */
  if (report->error != NULL && g_error_matches (report->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return report;

  report->n_new = stats.n_new;
  report->n_updated = stats.n_updated;
  report->n_unchanged = stats.n_unchanged;

  if (report->error != NULL)
    {
      state.n_failures++;
      state.next_attempt = now + backoff_seconds (state.n_failures, retry_after);
      story_source_set_last_error (source, report->error->message);
      record_source (self, source, &state);
      g_info ("Source %" G_GINT64_FORMAT " failed (%d in a row): %s", report->source_id,
              state.n_failures, report->error->message);
      return report;
    }

  if (response->permanent_url != NULL && provider->follows_moves)
    {
      g_autoptr(GError) move_error = NULL;

      if (story_store_set_source_url (self->store, report->source_id, response->permanent_url,
                                      &move_error))
        {
          g_autoptr(GUri) moved = g_uri_parse (response->permanent_url, SOUP_HTTP_URI_FLAGS, NULL);
          g_autoptr(GError) clear_error = NULL;

          /* The password was given for the old server, not for whoever it sends us to. */
          if (login.origin != NULL &&
              (moved == NULL || !story_uri_same_origin (moved, login.origin)) &&
              !story_secrets_clear_sync (report->source_id, STORY_SECRET_URL_LOGIN, cancellable,
                                         &clear_error))
            g_info ("Source %" G_GINT64_FORMAT " moved to another server: %s",
                    report->source_id, clear_error->message);

          /* As the store keeps it: without credentials a server may have put in. */
          report->moved_to = story_url_redact (response->permanent_url);
          story_source_set_url (source, report->moved_to);
        }
      else
        g_info ("Source %" G_GINT64_FORMAT " moved, but its new address cannot be stored: %s",
                report->source_id, move_error->message);
    }

  if (feed != NULL)
    {
      if (feed->title != NULL)
        {
          story_source_set_title (source, feed->title);
          g_free (report->source_title);
          report->source_title = g_strdup (feed->title);
        }
      story_source_set_home_page_url (source, feed->home_page_url);
      story_source_set_icon_url (source, feed->favicon ?: feed->icon);
    }

  /* The validators and hash are kept only once the articles are safely stored. */
  if (response->etag != NULL || response->body != NULL)
    story_set_str (&state.etag, response->etag);
  if (response->last_modified != NULL || response->body != NULL)
    story_set_str (&state.last_modified, response->last_modified);
  if (body_hash != NULL)
    story_set_str (&state.body_hash, body_hash);
  if (provider->next_cursor != NULL)
    story_set_str (&state.cursor, next_cursor);
  state.n_failures = 0;
  state.next_attempt = 0;

  story_source_set_last_sync (source, now);
  story_source_set_last_error (source, NULL);
  record_source (self, source, &state);

  return report;
}

static GPtrArray *sync_sources (StorySyncManager *self,
                                const gint64     *source_ids,
                                guint             n_source_ids,
                                SyncMode          mode,
                                GCancellable     *cancellable);

/**
 * story_sync_manager_sync:
 * @source_ids: (array length=n_source_ids) (nullable): the sources to sync;
 *   all of them when %NULL
 *
 * Sources named in @source_ids are synced now; when syncing all of them,
 * sources still backing off after a failure are skipped (reported as such).
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
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), NULL);

  return sync_sources (self, source_ids, n_source_ids, source_ids ? SYNC_NAMED : SYNC_ALL,
                       cancellable);
}

/**
 * story_sync_manager_sync_due:
 *
 * Like story_sync_manager_sync() for all sources, but only those whose sync
 * interval (their own, or the default) has passed since their last sync: what
 * a timer calls.
 *
 * Returns: (transfer full) (element-type StorySyncReport): one report per source
 */
GPtrArray *
story_sync_manager_sync_due (StorySyncManager *self,
                             GCancellable     *cancellable)
{
  g_return_val_if_fail (STORY_IS_SYNC_MANAGER (self), NULL);

  return sync_sources (self, NULL, 0, SYNC_DUE, cancellable);
}

static GPtrArray *
sync_sources (StorySyncManager *self,
              const gint64     *source_ids,
              guint             n_source_ids,
              SyncMode          mode,
              GCancellable     *cancellable)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

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

  /* Two syncs at once (start-up and a click on refresh) would fetch every
   * source twice; the second one waits and then finds little to do. */
  g_mutex_lock (&self->sync_lock);
  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add (reports, sync_source (self, g_ptr_array_index (sources, i), mode,
                                           cancellable));
  g_mutex_unlock (&self->sync_lock);

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

  /* What the sync loaded or left behind, until the next one, unless the store's owner
   * keeps it: the app does not. */
  story_store_release_memory (self->store);

  return g_steal_pointer (&reports);
}

typedef struct
{
  gint64   *source_ids;
  guint     n_source_ids;
  SyncMode  mode;
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

  reports = sync_sources (self, data->source_ids, data->n_source_ids, data->mode, cancellable);
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

static void
start_sync (StorySyncManager    *self,
            SyncData            *data,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_sync_manager_sync_async);
  /* A cancelled sync still says, per source, what happened before the cancel. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify)sync_data_free);

  self->n_running++;
  if (self->n_running == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (sync_finished_cb), self,
                           G_CONNECT_SWAPPED);

  g_task_run_in_thread (task, sync_thread);
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
  SyncData *data;

  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));

  data = g_new0 (SyncData, 1);
  data->mode = SYNC_ALL;
  if (source_ids != NULL)
    {
      data->source_ids = g_memdup2 (source_ids, sizeof (gint64) * n_source_ids);
      data->n_source_ids = n_source_ids;
      data->mode = SYNC_NAMED;
    }

  start_sync (self, data, cancellable, callback, user_data);
}

/* Syncs the sources that are due on a worker thread; see
 * story_sync_manager_sync_due(). Finish with story_sync_manager_sync_finish(). */
void
story_sync_manager_sync_due_async (StorySyncManager    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SyncData *data;

  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));

  data = g_new0 (SyncData, 1);
  data->mode = SYNC_DUE;
  start_sync (self, data, cancellable, callback, user_data);
}

/* Syncs every source now, including those backing off after failures: for
 * when the network comes back, since failures while offline say nothing about
 * the servers. Finish with story_sync_manager_sync_finish(). */
void
story_sync_manager_retry_async (StorySyncManager    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SyncData *data;

  g_return_if_fail (STORY_IS_SYNC_MANAGER (self));

  data = g_new0 (SyncData, 1);
  data->mode = SYNC_RETRY;
  start_sync (self, data, cancellable, callback, user_data);
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
