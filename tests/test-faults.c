/* test-faults.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fault matrix of issue 9: a sync against a loopback server (and a cache)
 * that fail in every way the world can fail. Each case syncs a source that
 * already has articles, one of them read and starred, after pointing it at
 * the fault, together with a good source, and checks what a user would see:
 * the error in words on the failing source, the good source's articles
 * arriving all the same, the cache as it was (the old articles and their
 * state), and, where a case could blow memory up, a bounded peak.
 *
 * Faults test-http.c and test-sync.c already cover (no answer at all, a
 * drip-fed body, a declared huge body, broken JSON, HTTP errors, redirect
 * loops, charsets) are not repeated here.
 *
 * Each case runs in a subprocess of its own, so that the peak memory (VmHWM)
 * it reads is that case's alone. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "story-sync-manager.h"

#define MIB (1024 * 1024)

/* AddressSanitizer keeps up to 256 MiB of freed memory in quarantine. */
#if defined(__SANITIZE_ADDRESS__)
# define SANITIZER_SLACK_MIB 320
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define SANITIZER_SLACK_MIB 320
# endif
#endif
#ifndef SANITIZER_SLACK_MIB
# define SANITIZER_SLACK_MIB 0
#endif

static const char known_feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Known Desk\",\"items\":["
  "{\"id\":\"k1\",\"title\":\"Harbour reopens\",\"content_text\":\"Ships are back.\"},"
  "{\"id\":\"k2\",\"title\":\"Ferry timetable\",\"content_text\":\"New times.\"},"
  "{\"id\":\"k3\",\"title\":\"Lighthouse repaired\",\"content_text\":\"The lamp is on.\"}]}";

/* The known source the next day: one more article. */
static const char known_more_feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Known Desk\",\"items\":["
  "{\"id\":\"k4\",\"title\":\"Fishing season opens\",\"content_text\":\"Nets out.\"},"
  "{\"id\":\"k1\",\"title\":\"Harbour reopens\",\"content_text\":\"Ships are back.\"},"
  "{\"id\":\"k2\",\"title\":\"Ferry timetable\",\"content_text\":\"New times.\"},"
  "{\"id\":\"k3\",\"title\":\"Lighthouse repaired\",\"content_text\":\"The lamp is on.\"}]}";

static const char good_feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Good Desk\",\"items\":["
  "{\"id\":\"g1\",\"title\":\"Orchard harvest\",\"content_text\":\"Apples.\"},"
  "{\"id\":\"g2\",\"title\":\"Night train returns\",\"content_text\":\"Sleepers.\"}]}";

typedef struct
{
  char             *dir;
  char             *db_path;
  StoryStore       *store;
  StorySyncManager *manager;
  SoupServer       *server;
  char             *base;
  GSList           *held;         /* messages kept open on purpose */
  gint64            known_id;     /* a source synced before the fault... */
  gint64            k1_id;        /* ...and its article the reader read and starred */
  GBytes           *bomb;
  GBytes           *big;           /* a large body, made before the sync */
} Fixture;

/* Peak and current resident memory of this process, in MiB. */
static guint
read_status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);

  return (guint)(g_ascii_strtoull (line + strlen (field), NULL, 10) / 1024);
}

static void
assert_peak_memory_below (guint limit_mib)
{
  guint hwm = read_status_mib ("VmHWM:");

  g_printerr ("# Peak memory %u MiB (now %u MiB), limit %u MiB\n", hwm,
                  read_status_mib ("VmRSS:"), limit_mib + SANITIZER_SLACK_MIB);
  g_assert_cmpuint (hwm, <, limit_mib + SANITIZER_SLACK_MIB);
}

static void
respond (SoupServerMessage *message,
         const char        *content_type,
         GBytes            *body)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (message),
                                         content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (message), body);
}

static void
respond_static (SoupServerMessage *message,
                const char        *body)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

/* An endless body: another 64 KiB each time the last ones went out. */
static void
endless_wrote_chunk_cb (SoupServerMessage *message,
                        gpointer           user_data)
{
  static char chunk[64 * 1024];

  memset (chunk, ' ', sizeof chunk);
  soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                            chunk, sizeof chunk);
}

static GBytes *
make_big_title_feed (gsize title_bytes)
{
  GString *text = g_string_sized_new (title_bytes + 256);

  g_string_append (text, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":["
                         "{\"id\":\"t1\",\"content_text\":\"Long.\",\"title\":\"");
  for (gsize i = 0; i < title_bytes / 5; i++)
    g_string_append (text, "word ");
  g_string_append (text, "\"}]}");

  return g_string_free_to_bytes (text);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  if (g_str_equal (path, "/known.json"))
    respond_static (message, known_feed);
  else if (g_str_equal (path, "/known-more.json"))
    respond_static (message, known_more_feed);
  else if (g_str_equal (path, "/good.json"))
    respond_static (message, good_feed);
  else if (g_str_equal (path, "/stall"))
    {
      /* Half a feed, then nothing, for ever. */
      const char *half = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":";

      soup_server_message_set_status (message, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/feed+json", NULL);
      soup_message_body_append (soup_server_message_get_response_body (message),
                                SOUP_MEMORY_STATIC, half, strlen (half));
      fixture->held = g_slist_prepend (fixture->held, g_object_ref (message));
    }
  else if (g_str_equal (path, "/endless"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/feed+json", NULL);
      g_signal_connect (message, "wrote-chunk", G_CALLBACK (endless_wrote_chunk_cb), NULL);
      endless_wrote_chunk_cb (message, NULL);
    }
  else if (g_str_equal (path, "/bomb"))
    {
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      respond (message, "application/feed+json", fixture->bomb);
    }
  else if (g_str_equal (path, "/deep"))
    {
      GString *text = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\","
                                    "\"items\":[{\"id\":\"d1\",\"x\":");

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (text, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (text, ']');
      g_string_append (text, "}]}");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_TAKE,
                                        text->str, text->len);
      g_string_free (text, FALSE);
    }
  else if (g_str_equal (path, "/million"))
    respond (message, "application/feed+json", fixture->big);
  else if (g_str_equal (path, "/big-title"))
    respond (message, "application/feed+json", fixture->big);
  else if (g_str_equal (path, "/invalid-utf8"))
    respond_static (message,
                    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Caf\xe9\","
                    "\"items\":[{\"id\":\"u1\",\"title\":\"Cr\xe8me \xff\xfe br\xc3\","
                    "\"content_html\":\"<p>Ol\xe1 \xc0\xaf <b>mundo</b></p>\"}]}");
  else if (g_str_equal (path, "/big.json"))
    respond (message, "application/feed+json", fixture->big);
  else
    soup_server_message_set_status (message, 404, NULL);
}

static GPtrArray *
list_articles (Fixture *fixture,
               gint64   source_id)
{
  g_autoptr(GError) error = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  GPtrArray *articles;

  query.source_id = source_id;
  articles = story_store_list_articles (fixture->store, &query, &error);
  g_assert_no_error (error);

  return articles;
}

static guint
count_articles (Fixture *fixture,
                gint64   source_id)
{
  g_autoptr(GPtrArray) articles = list_articles (fixture, source_id);

  return articles->len;
}

static gint64
add_source (Fixture    *fixture,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autofree char *url = g_strconcat (fixture->base, path + 1, NULL);

  source = story_store_add_source (fixture->store, "json-feed", url, NULL, &error);
  g_assert_no_error (error);

  return story_source_get_id (source);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **reports = user_data;
  g_autoptr(GError) error = NULL;

  *reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, &error);
  g_assert_no_error (error);
}

/* Syncs on the manager's thread while this one serves. */
static GPtrArray *
sync_sources (Fixture      *fixture,
              const gint64 *ids,
              guint         n_ids)
{
  GPtrArray *reports = NULL;

  story_sync_manager_sync_async (fixture->manager, ids, n_ids, NULL, synced_cb, &reports);
  while (reports == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (story_sync_manager_get_syncing (fixture->manager))
    g_main_context_iteration (NULL, TRUE);

  return reports;
}

static StorySyncReport *
report_for (GPtrArray *reports,
            gint64     source_id)
{
  for (guint i = 0; i < reports->len; i++)
    {
      StorySyncReport *report = g_ptr_array_index (reports, i);

      if (report->source_id == source_id)
        return report;
    }

  g_assert_not_reached ();
}

static char *
dup_last_error (Fixture *fixture,
                gint64   source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = story_store_get_source (fixture->store, source_id, &error);

  g_assert_no_error (error);
  return g_strdup (story_source_get_last_error (source));
}

static void
fixture_set_up (Fixture *fixture,
                guint    timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  GSList *uris;

  fixture->dir = g_dir_make_tmp ("storyline-faults-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "storyline.db", NULL);
  fixture->store = story_store_new (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->manager = story_sync_manager_new (fixture->store);
  story_http_set_timeout (story_sync_manager_get_http (fixture->manager), timeout);
  story_http_set_deadline (story_sync_manager_get_http (fixture->manager), 10);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* What the reader had before the fault: three articles, one read and starred. */
  fixture->known_id = add_source (fixture, "/known.json");
  reports = sync_sources (fixture, &fixture->known_id, 1);
  g_assert_no_error (report_for (reports, fixture->known_id)->error);

  articles = list_articles (fixture, fixture->known_id);
  g_assert_cmpuint (articles->len, ==, 3);
  for (guint i = 0; i < articles->len; i++)
    {
      StoryArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (story_article_get_remote_id (article), "k1") == 0)
        fixture->k1_id = story_article_get_id (article);
    }
  g_assert_cmpint (fixture->k1_id, >, 0);
  g_assert_true (story_store_set_read (fixture->store, fixture->k1_id, TRUE, &error));
  g_assert_true (story_store_set_starred (fixture->store, fixture->k1_id, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  soup_server_disconnect (fixture->server);
  g_slist_free_full (fixture->held, g_object_unref);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->bomb, g_bytes_unref);
  g_clear_pointer (&fixture->big, g_bytes_unref);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->base);
}

/* The cache as the reader left it: the known source's three articles, the
 * first still read and starred. */
static void
assert_cache_whole (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryArticle) k1 = NULL;

  g_assert_cmpuint (count_articles (fixture, fixture->known_id), ==, 3);
  k1 = story_store_get_article (fixture->store, fixture->k1_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (story_article_get_title (k1), ==, "Harbour reopens");
  g_assert_true (story_article_get_read (k1));
  g_assert_true (story_article_get_starred (k1));
}

/* Points the known source at @url, syncs it with a good source, and checks
 * what every case must show. Returns the failing source's error. */
static char *
sync_fault (Fixture    *fixture,
            const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *last_error = NULL;
  StorySyncReport *report;
  gint64 ids[2];
  guint n_before;

  absolute = url[0] == '/' ? g_strconcat (fixture->base, url + 1, NULL) : g_strdup (url);
  g_assert_true (story_store_set_source_url (fixture->store, fixture->known_id, absolute,
                                             &error));
  g_assert_no_error (error);

  ids[0] = fixture->known_id;
  ids[1] = add_source (fixture, "/good.json");
  n_before = count_articles (fixture, 0);

  reports = sync_sources (fixture, ids, G_N_ELEMENTS (ids));

  /* The user sees why, in words, on the source... */
  report = report_for (reports, fixture->known_id);
  g_assert_nonnull (report->error);
  g_printerr ("# The source says: %s\n", report->error->message);
  last_error = dup_last_error (fixture, fixture->known_id);
  g_assert_cmpstr (last_error, ==, report->error->message);

  /* ...the other source goes on... */
  report = report_for (reports, ids[1]);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpuint (count_articles (fixture, 0), ==, n_before + 2);

  /* ...and what the reader had is still there, as they left it. */
  assert_cache_whole (fixture);

  return g_steal_pointer (&last_error);
}

/* Runs @func in a subprocess of its own, with a fixture. */
typedef void (*FaultFunc) (Fixture *fixture);

typedef struct
{
  const char *path;
  FaultFunc   func;
  guint       timeout;   /* the HTTP read timeout in seconds; 0: 5 */
  gboolean    no_lsan;   /* LeakSanitizer itself crashes on this case */
} FaultCase;

static void
run_case (gconstpointer data)
{
  const FaultCase *fault = data;

  if (g_test_subprocess ())
    {
      Fixture fixture = { 0 };

      fixture_set_up (&fixture, fault->timeout > 0 ? fault->timeout : 5);
      fault->func (&fixture);
      fixture_tear_down (&fixture);
      return;
    }

  /* After a GnuTLS handshake, LeakSanitizer's own tracer dies of a SIGSEGV
   * ("LeakSanitizer has encountered a fatal error") in the sanitizer build;
   * that case runs with leak detection off there. */
  if (fault->no_lsan && g_getenv ("ASAN_OPTIONS") != NULL)
    {
      g_autofree char *saved = g_strdup (g_getenv ("ASAN_OPTIONS"));
      g_autofree char *options = g_strconcat (saved, ":detect_leaks=0", NULL);

      g_setenv ("ASAN_OPTIONS", options, TRUE);
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_setenv ("ASAN_OPTIONS", saved, TRUE);
    }
  else
    g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_connection_refused (Fixture *fixture)
{
  g_autoptr(SoupServer) closed = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  GSList *uris;

  /* A port that was listening a moment ago, and is closed now. */
  g_assert_true (soup_server_listen_local (closed, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (closed);
  url = g_strdup_printf ("http://127.0.0.1:%d/feed.json", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  soup_server_disconnect (closed);

  message = sync_fault (fixture, url);
  g_assert_nonnull (strstr (message, "could not be reached"));
  g_assert_nonnull (strstr (message, "refused"));
}

/* A resolver that knows no name at all: no lookup leaves the machine. */
typedef struct
{
  GResolver parent_instance;
  guint     n_lookups;
} TestResolver;

typedef GResolverClass TestResolverClass;

static GType test_resolver_get_type (void);
G_DEFINE_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_atomic_int_inc (&((TestResolver *)resolver)->n_lookups);
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
               "Error resolving “%s”: Name or service not known", hostname);

  return NULL;
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *hostname,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  return test_resolver_lookup_by_name (resolver, hostname, cancellable, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *hostname,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;

  test_resolver_lookup_by_name (resolver, hostname, cancellable, &error);
  g_task_return_error (task, error);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, hostname, 0, cancellable, callback,
                                                 user_data);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  klass->lookup_by_name = test_resolver_lookup_by_name;
  klass->lookup_by_name_async = test_resolver_lookup_by_name_async;
  klass->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
  klass->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  klass->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  klass->lookup_by_name_with_flags_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

static void
test_name_not_found (Fixture *fixture)
{
  g_autoptr(GResolver) resolver = g_object_new (test_resolver_get_type (), NULL);
  g_autofree char *message = NULL;

  g_resolver_set_default (resolver);

  message = sync_fault (fixture, "http://feeds.storyline.invalid/feed.json");
  g_assert_nonnull (strstr (message, "could not be reached"));
  g_assert_nonnull (strstr (message, "feeds.storyline.invalid"));
  g_assert_cmpuint (g_atomic_int_get (&((TestResolver *)resolver)->n_lookups), >, 0);
}

static void
tls_server_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  respond_static (message, good_feed);
}

static void
test_tls_untrusted (Fixture *fixture)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "tls", "self-signed.pem",
                                                NULL);
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  guint n_requests = 0;
  GSList *uris;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking is missing)");
      return;
    }

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_server_cb, &n_requests, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/feed.json", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  message = sync_fault (fixture, url);
  g_assert_cmpstr (message, ==,
                   "The server’s certificate is not trusted (it is not signed by an authority "
                   "this system trusts), so Storyline did not connect");

  /* Not silently trusted: the request itself never went out. */
  g_assert_cmpuint (n_requests, ==, 0);
  soup_server_disconnect (server);
}

static void
test_stall_mid_body (Fixture *fixture)
{
  g_autofree char *message = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The server sends half a feed and then nothing: the 1 s read timeout
   * (30 s in the app) ends it long before the 10 s deadline. */
  message = sync_fault (fixture, "/stall");
  g_assert_cmpstr (message, ==, "No answer after 1 second");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_endless_body (Fixture *fixture)
{
  g_autofree char *message = NULL;

  message = sync_fault (fixture, "/endless");
  g_assert_cmpstr (message, ==, "The feed is larger than 20 MiB");
  assert_peak_memory_below (150);
}

static GBytes *
make_gzip_bomb (gsize inflated_size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) gzip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zeros = g_malloc0 (MIB);

  gzip = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_output_stream_write_all (gzip, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"",
                             56, NULL, NULL, &error);
  for (gsize written = 0; written < inflated_size; written += MIB)
    g_output_stream_write_all (gzip, zeros, MIB, NULL, NULL, &error);
  g_output_stream_close (gzip, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
test_gzip_bomb (Fixture *fixture)
{
  g_autofree char *message = NULL;

  /* 256 KiB on the wire that inflate to 256 MiB. */
  fixture->bomb = make_gzip_bomb (256 * MIB);
  g_printerr ("# The bomb is %" G_GSIZE_FORMAT " bytes\n", g_bytes_get_size (fixture->bomb));
  g_assert_cmpuint (g_bytes_get_size (fixture->bomb), <, MIB);

  message = sync_fault (fixture, "/bomb");
  g_assert_cmpstr (message, ==, "The feed is larger than 20 MiB");
  assert_peak_memory_below (150);
}

static void
test_deep_nesting (Fixture *fixture)
{
  g_autofree char *message = NULL;

  message = sync_fault (fixture, "/deep");
  g_assert_cmpstr (message, ==,
                   "Not a feed Storyline can read: it is nested more than 128 levels deep");
}

static void
test_million_items (Fixture *fixture)
{
  g_autofree char *message = NULL;
  gint64 start;
  GString *text = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[");

  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (text, "%s{\"id\":\"%u\"}", i > 0 ? "," : "", i);
  g_string_append (text, "]}");
  fixture->big = g_string_free_to_bytes (text);

  /* 16 MB of {"id":"…"}: json-glib alone would take some 600 MiB and four
   * seconds for it. The feed is refused up front, in words. */
  start = g_get_monotonic_time ();
  message = sync_fault (fixture, "/million");
  g_assert_cmpstr (message, ==, "Not a feed Storyline can read: it holds more than 250000 values");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  assert_peak_memory_below (200);
}

static void
test_huge_title_over_cap (Fixture *fixture)
{
  g_autofree char *message = NULL;

  fixture->big = make_big_title_feed (50 * 1000 * 1000);
  message = sync_fault (fixture, "/big-title");
  g_assert_cmpstr (message, ==, "The feed is larger than 20 MiB");
  assert_peak_memory_below (250);
}

static void
test_huge_title_raised_cap (Fixture *fixture)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id;

  /* With room for it, the 50 MB title is read, and cut to the title limit. */
  fixture->big = make_big_title_feed (50 * 1000 * 1000);
  story_http_set_max_body_size (story_sync_manager_get_http (fixture->manager), 64 * MIB);
  id = add_source (fixture, "/big-title");
  reports = sync_sources (fixture, &id, 1);
  g_assert_no_error (report_for (reports, id)->error);

  articles = list_articles (fixture, id);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpint (g_utf8_strlen (story_article_get_title (g_ptr_array_index (articles, 0)), -1),
                   <=, 1000);
  assert_cache_whole (fixture);
  /* The server's 50 MB, the client's buffer and json-glib's copy of the title. */
  assert_peak_memory_below (450);
}

static void
test_invalid_utf8 (Fixture *fixture)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  StoryArticle *article;
  gint64 ids[2];

  ids[0] = add_source (fixture, "/invalid-utf8");
  ids[1] = add_source (fixture, "/good.json");
  reports = sync_sources (fixture, ids, 2);
  g_assert_no_error (report_for (reports, ids[0])->error);
  g_assert_no_error (report_for (reports, ids[1])->error);

  /* The broken bytes cost a character each, not the feed. */
  articles = list_articles (fixture, ids[0]);
  g_assert_cmpuint (articles->len, ==, 1);
  article = g_ptr_array_index (articles, 0);
  g_assert_true (g_utf8_validate (story_article_get_title (article), -1, NULL));
  g_assert_nonnull (strstr (story_article_get_title (article), "Cr\xef\xbf\xbdme"));
  g_assert_cmpstr (story_article_get_source_title (article), ==, "Caf\xef\xbf\xbd");
  assert_cache_whole (fixture);
}

/* Enough articles that the sync prepares them on worker threads, a chunk
 * at a time, while it writes: the disk fills up in the middle of that. */
#define BIG_FEED_ITEMS 400

static GBytes *
make_big_feed (void)
{
  GString *text = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[");

  /* 2 MB of articles whose words do not repeat, so they do not compress away. */
  for (guint i = 0; i < BIG_FEED_ITEMS; i++)
    {
      g_string_append_printf (text, "%s{\"id\":\"b%u\",\"title\":\"Bulk %u\",\"content_text\":\"",
                              i > 0 ? "," : "", i, i);
      for (guint j = 0; j < 200000 / BIG_FEED_ITEMS; j++)
        g_string_append_printf (text, "w%x ", g_random_int ());
      g_string_append (text, "\"}");
    }
  g_string_append (text, "]}");

  return g_string_free_to_bytes (text);
}

static void
test_disk_full (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *url = g_strconcat (fixture->base, "big.json", NULL);
  g_autofree char *last_error = NULL;
  g_autofree char *wal = g_strconcat (fixture->db_path, "-wal", NULL);
  GStatBuf st;
  gint64 size = 0;
  gint64 ids[2];
  guint n_before;

  fixture->big = make_big_feed ();

  /* The good source comes first and fits; the big one fills the disk. */
  ids[0] = add_source (fixture, "/good.json");
  ids[1] = fixture->known_id;
  g_assert_true (story_store_set_source_url (fixture->store, fixture->known_id, url, &error));
  n_before = count_articles (fixture, 0);

  /* Room for a few hundred kilobytes more, not for 2 MB. */
  if (g_stat (fixture->db_path, &st) == 0)
    size += st.st_size;
  if (g_stat (wal, &st) == 0)
    size += st.st_size;
  g_assert_true (story_store_set_max_size (fixture->store, size + 512 * 1024, &error));
  g_assert_no_error (error);

  reports = sync_sources (fixture, ids, 2);
  g_assert_no_error (report_for (reports, ids[0])->error);
  g_assert_cmpuint (report_for (reports, ids[0])->n_new, ==, 2);
  g_assert_error (report_for (reports, ids[1])->error, STORY_STORE_ERROR, STORY_STORE_ERROR_FULL);
  g_assert_cmpstr (report_for (reports, ids[1])->error->message, ==,
                   "The disk is full: there is no room left for the article cache");
  last_error = dup_last_error (fixture, fixture->known_id);
  g_assert_cmpstr (last_error, ==, report_for (reports, ids[1])->error->message);
  g_assert_cmpuint (count_articles (fixture, 0), ==, n_before + 2);
  assert_cache_whole (fixture);

  /* Room again: the next sync brings the articles in. */
  g_assert_true (story_store_set_max_size (fixture->store, 0, &error));
  again = sync_sources (fixture, &fixture->known_id, 1);
  g_assert_no_error (report_for (again, fixture->known_id)->error);
  g_assert_cmpuint (count_articles (fixture, fixture->known_id), ==, 3 + BIG_FEED_ITEMS);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

static void
test_database_locked (Fixture *fixture)
{
  g_autoptr(sqlite3) other = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryArticle) k1 = NULL;
  g_autofree char *url = g_strconcat (fixture->base, "known-more.json", NULL);
  g_autofree char *last_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  gint64 elapsed;
  gint64 ids[2];
  guint n_before = count_articles (fixture, 0);

  /* Both sources have something new to write. */
  ids[0] = add_source (fixture, "/good.json");
  ids[1] = fixture->known_id;
  g_assert_true (story_store_set_source_url (fixture->store, fixture->known_id, url, &error));
  story_store_set_busy_timeout (fixture->store, 1000);

  /* Another program holds the write lock for the whole sync. */
  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  reports = sync_sources (fixture, ids, 2);
  elapsed = g_get_monotonic_time () - start;
  g_printerr ("# A sync against the lock took %.1f s\n", elapsed / (double)G_USEC_PER_SEC);

  /* The cache is the one thing every source shares: each says why, after
   * waiting out the busy timeout (a lock held for a moment would have been
   * waited for), and the sync ends. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      StorySyncReport *report = report_for (reports, ids[i]);

      g_assert_error (report->error, STORY_STORE_ERROR, STORY_STORE_ERROR_BUSY);
      g_assert_nonnull (strstr (report->error->message, "locked by another program"));
    }
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&other, sqlite3_close);

  /* Nothing was half written... */
  g_assert_cmpuint (count_articles (fixture, 0), ==, n_before);
  assert_cache_whole (fixture);

  /* ...and once the lock is gone the sync goes through. */
  again = sync_sources (fixture, ids, 2);
  g_assert_no_error (report_for (again, ids[0])->error);
  g_assert_no_error (report_for (again, ids[1])->error);
  last_error = dup_last_error (fixture, fixture->known_id);
  g_assert_null (last_error);
  g_assert_cmpuint (count_articles (fixture, 0), ==, n_before + 3);
  k1 = story_store_get_article (fixture->store, fixture->k1_id, &error);
  g_assert_no_error (error);
  g_assert_true (story_article_get_read (k1));
  g_assert_true (story_article_get_starred (k1));

  g_assert_cmpint (sqlite3_open (fixture->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (other, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static const FaultCase cases[] = {
  { "/faults/network/connection-refused", test_connection_refused },
  { "/faults/network/name-not-found", test_name_not_found },
  { "/faults/network/tls-untrusted", test_tls_untrusted, 0, TRUE },
  { "/faults/body/stall", test_stall_mid_body, 1 },
  { "/faults/body/endless", test_endless_body },
  { "/faults/body/gzip-bomb", test_gzip_bomb },
  { "/faults/json/deep-nesting", test_deep_nesting },
  { "/faults/json/million-items", test_million_items },
  { "/faults/json/huge-title-over-cap", test_huge_title_over_cap },
  { "/faults/json/huge-title-raised-cap", test_huge_title_raised_cap },
  { "/faults/json/invalid-utf8", test_invalid_utf8 },
  { "/faults/cache/disk-full", test_disk_full },
  { "/faults/cache/locked", test_database_locked },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);

  return g_test_run ();
}
