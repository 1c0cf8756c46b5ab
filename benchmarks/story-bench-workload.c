/* story-bench-workload.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A deterministic news corpus and a loopback server for the benchmarks.
 *
 * Article i of a feed depends only on the feed's seed and i, so a page of
 * any feed can be generated on its own, and every run (and every peer
 * reader, through the RSS rendering) sees the same bytes. Words follow a
 * skewed distribution over a synthetic vocabulary, so full-text search meets
 * common and rare terms as it would in real news. */

#define G_LOG_DOMAIN "story-bench"

#include "config.h"

#include "story-bench-workload.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "story-sync-manager.h"

#define VOCABULARY_SIZE 4000
#define N_TAGS          60
#define N_IMAGES        200
#define PARAGRAPHS      6
/* 2026-11-20T12:00:00Z: the newest article; older ones step back from it. */
#define NEWEST_TIME     G_GINT64_CONSTANT (1795176000)

static const char * const syllables[] = {
  "ba", "ke", "ri", "so", "tu", "la", "me", "ni", "po", "ga", "de", "vi", "ro", "sa", "lu",
  "ka", "te", "mi", "no", "fa", "ze", "li", "mo", "pe", "da", "ra", "si", "ta", "ne", "co",
  "bri", "sta", "glo", "pra", "tre", "vor", "lin", "dan", "mer", "tos",
};

static const char * const tag_stems[] = {
  "Climate", "Elections", "Markets", "Football", "Space", "Health", "Energy", "Courts",
  "Housing", "Transport", "Science", "Music", "Film", "Technology", "Education", "Farming",
};

static char **vocabulary;
static char **tags;

static void
ensure_vocabulary (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (1);

    vocabulary = g_new0 (char *, VOCABULARY_SIZE + 1);
    for (guint i = 0; i < VOCABULARY_SIZE; i++)
      {
        GString *word = g_string_new (NULL);
        guint n = 1 + g_rand_int_range (rand, 1, 4);

        for (guint j = 0; j < n; j++)
          g_string_append (word, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
        vocabulary[i] = g_string_free (word, FALSE);
      }

    tags = g_new0 (char *, N_TAGS + 1);
    for (guint i = 0; i < N_TAGS; i++)
      tags[i] = g_strdup_printf ("%s %s", tag_stems[i % G_N_ELEMENTS (tag_stems)],
                                 vocabulary[i * 7 + 11]);
  }

  g_once_init_leave (&initialized, 1);
}

/* Common words come up far more often than rare ones. */
static const char *
pick_word (GRand *rand)
{
  double u = g_rand_double (rand);

  return vocabulary[(guint)(VOCABULARY_SIZE * u * u * u)];
}

static void
append_words (GString *out,
              GRand   *rand,
              guint    n_words,
              gboolean capitalize)
{
  for (guint i = 0; i < n_words; i++)
    {
      const char *word = pick_word (rand);

      if (i > 0)
        g_string_append_c (out, ' ');
      if (capitalize && i == 0)
        {
          g_string_append_c (out, g_ascii_toupper (word[0]));
          g_string_append (out, word + 1);
        }
      else
        g_string_append (out, word);
    }
}

typedef struct
{
  char  *id;
  char  *url;
  char  *title;
  char  *html;
  char  *tag;
  char  *tag2;
  gint64 published;
} BenchItem;

static void
bench_item_clear (BenchItem *item)
{
  g_free (item->id);
  g_free (item->url);
  g_free (item->title);
  g_free (item->html);
  g_free (item->tag);
  g_free (item->tag2);
}

/* About 3 KB of HTML: paragraphs of text with links, a picture with a
 * caption, a subheading and a quote, like a news article. */
static void
make_item (BenchItem  *item,
           const char *base_url,
           const char *name,
           guint32     seed,
           guint       index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 1000003u + index);
  GString *title = g_string_new (NULL);
  GString *html = g_string_sized_new (3300);

  ensure_vocabulary ();

  item->id = g_strdup_printf ("%s-%u", name, index);
  item->url = g_strdup_printf ("https://news.example/%s/%u.html", name, index);
  append_words (title, rand, g_rand_int_range (rand, 6, 11), TRUE);
  item->title = g_string_free (title, FALSE);
  item->tag = g_strdup (tags[g_rand_int_range (rand, 0, N_TAGS)]);
  item->tag2 = g_rand_boolean (rand) ? g_strdup (tags[g_rand_int_range (rand, 0, N_TAGS)]) : NULL;
  item->published = NEWEST_TIME - (gint64)index * 37 - g_rand_int_range (rand, 0, 30);

  for (guint p = 0; p < PARAGRAPHS; p++)
    {
      if (p == 1)
        {
          g_string_append_printf (html, "<figure><img src=\"%s/img/%u.png\" alt=\"",
                                  base_url, g_rand_int_range (rand, 0, N_IMAGES));
          append_words (html, rand, 5, TRUE);
          g_string_append (html, "\" width=\"640\" height=\"360\"><figcaption>");
          append_words (html, rand, 9, TRUE);
          g_string_append (html, ".</figcaption></figure>\n");
        }
      if (p == 3)
        {
          g_string_append (html, "<h2>");
          append_words (html, rand, 4, TRUE);
          g_string_append (html, "</h2>\n<blockquote><p>");
          append_words (html, rand, 14, TRUE);
          g_string_append (html, ".</p></blockquote>\n");
        }

      g_string_append (html, "<p>");
      append_words (html, rand, g_rand_int_range (rand, 16, 24), TRUE);
      g_string_append_printf (html, ". <a href=\"https://news.example/%s/%u.html\">",
                              name, g_rand_int_range (rand, 0, 100000));
      append_words (html, rand, 3, FALSE);
      g_string_append (html, "</a> ");
      append_words (html, rand, g_rand_int_range (rand, 16, 24), FALSE);
      g_string_append (html, ", <em>");
      append_words (html, rand, 2, FALSE);
      g_string_append (html, "</em> ");
      append_words (html, rand, g_rand_int_range (rand, 6, 14), FALSE);
      g_string_append (html, ".</p>\n");
    }

  item->html = g_string_free (html, FALSE);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static char *
format_time (gint64      unix_time,
             const char *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, format);
}

/**
 * story_bench_workload_json_page:
 * @page: 0 for the first
 * @body_bytes: (out) (optional): the total size of the page's HTML bodies
 *
 * Returns: (transfer full): page @page of feed @name as a JSON Feed 1.1
 *   document, with a next_url while more pages follow
 */
GBytes *
story_bench_workload_json_page (const char *base_url,
                                const char *name,
                                guint32     seed,
                                guint       n_articles,
                                guint       page,
                                gsize      *body_bytes)
{
  GString *out = g_string_sized_new (STORY_BENCH_PAGE_SIZE * 3600);
  guint first = page * STORY_BENCH_PAGE_SIZE;
  guint last = MIN (first + STORY_BENCH_PAGE_SIZE, n_articles);
  gsize n_body_bytes = 0;

  g_string_append_printf (out,
                          "{\"version\":\"https://jsonfeed.org/version/1.1\","
                          "\"title\":\"Bench %s\",\"home_page_url\":\"https://news.example/%s/\",",
                          name, name);
  if (last < n_articles)
    g_string_append_printf (out, "\"next_url\":\"%s/feeds/%s/page-%u.json\",",
                            base_url, name, page + 1);
  g_string_append (out, "\"items\":[");

  for (guint i = first; i < last; i++)
    {
      BenchItem item = { 0 };
      g_autofree char *date = NULL;

      make_item (&item, base_url, name, seed, i);
      date = format_time (item.published, "%Y-%m-%dT%H:%M:%SZ");
      n_body_bytes += strlen (item.html);

      if (i > first)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"id\":");
      append_json_string (out, item.id);
      g_string_append (out, ",\"url\":");
      append_json_string (out, item.url);
      g_string_append (out, ",\"title\":");
      append_json_string (out, item.title);
      g_string_append_printf (out, ",\"date_published\":\"%s\",\"tags\":[", date);
      append_json_string (out, item.tag);
      if (item.tag2 != NULL)
        {
          g_string_append_c (out, ',');
          append_json_string (out, item.tag2);
        }
      g_string_append (out, "],\"content_html\":");
      append_json_string (out, item.html);
      g_string_append (out, "}");
      bench_item_clear (&item);
    }

  g_string_append (out, "]}");

  if (body_bytes != NULL)
    *body_bytes = n_body_bytes;

  return g_string_free_to_bytes (out);
}

/**
 * story_bench_workload_rss:
 *
 * Returns: (transfer full): the same articles as one RSS 2.0 document, for
 *   readers that do not read JSON Feed
 */
GBytes *
story_bench_workload_rss (const char *base_url,
                          const char *name,
                          guint32     seed,
                          guint       n_articles)
{
  GString *out = g_string_sized_new ((gsize)n_articles * 3600);

  g_string_append_printf (out,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<rss version=\"2.0\"><channel><title>Bench %s</title>"
                          "<link>https://news.example/%s/</link><description>Bench</description>\n",
                          name, name);

  for (guint i = 0; i < n_articles; i++)
    {
      BenchItem item = { 0 };
      g_autofree char *date = NULL;

      make_item (&item, base_url, name, seed, i);
      date = format_time (item.published, "%a, %d %b %Y %H:%M:%S +0000");
      g_string_append_printf (out,
                              "<item><title>%s</title><link>%s</link>"
                              "<guid isPermaLink=\"false\">%s</guid><pubDate>%s</pubDate>"
                              "<category>%s</category>",
                              item.title, item.url, item.id, date, item.tag);
      if (item.tag2 != NULL)
        g_string_append_printf (out, "<category>%s</category>", item.tag2);
      g_string_append_printf (out, "<description><![CDATA[%s]]></description></item>\n",
                              item.html);
      bench_item_clear (&item);
    }

  g_string_append (out, "</channel></rss>\n");

  return g_string_free_to_bytes (out);
}

/**
 * story_bench_workload_query:
 *
 * Returns: (transfer full): a search as a person would type it: one or two
 *   words of middling frequency, the last one maybe unfinished
 */
char *
story_bench_workload_query (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const char *first, *second;

  ensure_vocabulary ();

  first = vocabulary[g_rand_int_range (rand, 50, 800)];
  if (g_rand_boolean (rand))
    return g_strdup (first);

  second = vocabulary[g_rand_int_range (rand, 20, 400)];
  return g_strdup_printf ("%s %.*s", first, (int)MAX (3, strlen (second) - 1), second);
}

/* The server */

struct _StoryBenchServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;
  GAsyncQueue  *ready;
  GMutex        lock;
  GHashTable   *documents;   /* path → GBytes */
  int           etag;
  int           n_requests;
  gsize         n_body_bytes;
  gsize         n_bodies;
};

/* The smallest PNG: one transparent pixel. */
static const guchar tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  StoryBenchServer *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"v%d\"", g_atomic_int_get (&self->etag));
  const char *if_none_match = soup_message_headers_get_one (request_headers, "If-None-Match");
  GBytes *document;

  g_atomic_int_inc (&self->n_requests);

  if (g_str_has_prefix (path, "/img/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                        (const char *)tiny_png, sizeof tiny_png);
      return;
    }

  g_mutex_lock (&self->lock);
  document = g_hash_table_lookup (self->documents, path);
  if (document != NULL)
    g_bytes_ref (document);
  g_mutex_unlock (&self->lock);

  if (document == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_message_headers_replace (response_headers, "ETag", etag);
  if (g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      g_bytes_unref (document);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response_headers,
                                         g_str_has_suffix (path, ".rss")
                                           ? "application/rss+xml" : "application/feed+json",
                                         NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), document);
  g_bytes_unref (document);
}

static gpointer
server_thread (gpointer data)
{
  StoryBenchServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_request_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_async_queue_push (self->ready, g_strdup (""));
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  uris = soup_server_get_uris (self->server);
  {
    g_autofree char *uri = g_uri_to_string (uris->data);

    /* No trailing slash: paths are appended to it. */
    if (g_str_has_suffix (uri, "/"))
      uri[strlen (uri) - 1] = '\0';
    g_async_queue_push (self->ready, g_steal_pointer (&uri));
  }
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_main_loop_run (self->loop);

  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

StoryBenchServer *
story_bench_server_new (GError **error)
{
  StoryBenchServer *self = g_new0 (StoryBenchServer, 1);
  char *url;

  g_mutex_init (&self->lock);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)g_bytes_unref);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->ready = g_async_queue_new ();
  self->etag = 1;
  self->thread = g_thread_new ("bench-server", server_thread, self);

  url = g_async_queue_pop (self->ready);
  if (url[0] == '\0')
    {
      g_free (url);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The loopback server did not start");
      story_bench_server_free (self);
      return NULL;
    }
  self->base_url = url;

  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
story_bench_server_free (StoryBenchServer *self)
{
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_async_queue_unref (self->ready);
  g_hash_table_unref (self->documents);
  g_mutex_clear (&self->lock);
  g_free (self->base_url);
  g_free (self);
}

/**
 * story_bench_server_add_feed:
 *
 * Generates every page of the feed before it is served, so generating never
 * counts as the reader's time.
 *
 * Returns: (transfer full): the address of the feed's first page
 */
char *
story_bench_server_add_feed (StoryBenchServer *self,
                             const char       *name,
                             guint32           seed,
                             guint             n_articles)
{
  guint n_pages = (n_articles + STORY_BENCH_PAGE_SIZE - 1) / STORY_BENCH_PAGE_SIZE;

  for (guint page = 0; page < n_pages; page++)
    {
      gsize body_bytes = 0;
      GBytes *bytes = story_bench_workload_json_page (self->base_url, name, seed, n_articles,
                                                      page, &body_bytes);

      g_mutex_lock (&self->lock);
      g_hash_table_insert (self->documents, g_strdup_printf ("/feeds/%s/page-%u.json", name, page),
                           bytes);
      self->n_body_bytes += body_bytes;
      self->n_bodies += MIN (STORY_BENCH_PAGE_SIZE, n_articles - page * STORY_BENCH_PAGE_SIZE);
      g_mutex_unlock (&self->lock);
    }

  return g_strdup_printf ("%s/feeds/%s/page-0.json", self->base_url, name);
}

/**
 * story_bench_server_add_rss:
 *
 * Serves the same articles as story_bench_server_add_feed() would, as one
 * RSS 2.0 document, for the peer readers.
 *
 * Returns: (transfer full): its address
 */
char *
story_bench_server_add_rss (StoryBenchServer *self,
                            const char       *name,
                            guint32           seed,
                            guint             n_articles)
{
  GBytes *rss = story_bench_workload_rss (self->base_url, name, seed, n_articles);

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->documents, g_strdup_printf ("/feeds/%s.rss", name), rss);
  g_mutex_unlock (&self->lock);

  return g_strdup_printf ("%s/feeds/%s.rss", self->base_url, name);
}

/* New validators for the same content: a server that forgets its ETags. */
void
story_bench_server_change_etag (StoryBenchServer *self)
{
  g_atomic_int_inc (&self->etag);
}

guint
story_bench_server_get_n_requests (StoryBenchServer *self)
{
  return g_atomic_int_get (&self->n_requests);
}

/* The mean size of the HTML bodies served, in bytes. */
double
story_bench_server_get_body_size (StoryBenchServer *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->n_bodies > 0 ? (double)self->n_body_bytes / self->n_bodies : 0;
}

/* Timing and reporting */

double
story_bench_now (void)
{
  return g_get_monotonic_time () / (double)G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

double
story_bench_median (GArray *values)
{
  g_assert (values->len > 0);

  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);

  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

/**
 * story_bench_report:
 * @budget: the most @value may be; 0 for a figure without a budget
 *
 * Prints "name: value unit" and the budget on a line of its own.
 *
 * Returns: whether @value is within @budget
 */
gboolean
story_bench_report (const char *name,
                    double      value,
                    const char *unit,
                    double      budget)
{
  gboolean ok = budget <= 0 || value <= budget;

  g_print ("%s: %.4g %s\n", name, value, unit);
  if (budget > 0)
    g_print ("%s-budget: %.4g %s%s\n", name, budget, unit, ok ? "" : " (MISSED)");

  return ok;
}

char *
story_bench_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("storyline-bench-XXXXXX", &error);

  if (dir == NULL)
    g_error ("No temporary folder: %s", error->message);

  return dir;
}

void
story_bench_remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

/**
 * story_bench_ensure_big_cache:
 *
 * The read-side benchmarks need a cache of 100,000 articles; syncing it takes
 * a while, so it is made once, by the real sync engine from two loopback
 * sources, and kept in the benchmarks' build folder (STORY_BENCH_DATA_DIR).
 * Callers that write to it work on a copy.
 *
 * Returns: (transfer full): its path
 */
char *
story_bench_ensure_big_cache (GError **error)
{
  const char *data_dir = g_getenv ("STORY_BENCH_DATA_DIR");
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  StoryBenchServer *server;

  /* An older schema is migrated when a benchmark opens it; a new workload
   * needs the file removed. */
  path = g_build_filename (data_dir != NULL ? data_dir : g_get_tmp_dir (),
                           "bench-cache-100000.db", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  partial = g_strconcat (path, ".partial", NULL);
  g_remove (partial);

  server = story_bench_server_new (error);
  if (server == NULL)
    return NULL;

  {
    g_autoptr(StoryStore) store = story_store_new (partial, error);
    g_autoptr(StorySyncManager) manager = NULL;
    g_autoptr(GPtrArray) reports = NULL;
    const char *names[] = { "world", "local" };

    if (store == NULL)
      goto failed;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *url = story_bench_server_add_feed (server, names[i], 100 + i,
                                                            STORY_BENCH_BIG_SOURCE);
        g_autoptr(StorySource) source = story_store_add_source (store, "json-feed", url, NULL,
                                                                error);

        if (source == NULL)
          goto failed;
      }

    manager = story_sync_manager_new (store);
    reports = story_sync_manager_sync (manager, NULL, 0, NULL);
    for (guint i = 0; reports != NULL && i < reports->len; i++)
      {
        StorySyncReport *report = g_ptr_array_index (reports, i);

        if (report->error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&report->error));
            goto failed;
          }
      }
  }

  story_bench_server_free (server);
  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not keep the benchmark cache");
      return NULL;
    }

  return g_steal_pointer (&path);

failed:
  story_bench_server_free (server);
  return NULL;
}

/* A field of /proc/PID/status in KiB (VmRSS, VmHWM), or -1. */
gint64
story_bench_read_status_kib (GPid        pid,
                             const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int)pid);
  g_autofree char *contents = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  line = strstr (contents, key);
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}
