/* test-providers.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The source kinds beyond JSON Feed: each provider's mapping of its API
 * onto articles (fixtures in tests/data/providers/, written for these
 * tests), its paging and its errors, over a loopback server; and the queue
 * of read/starred changes a two-way account keeps in the store. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "story-provider.h"
#include "story-secrets.h"
#include "story-sync-manager.h"
#include "story-util.h"

#define GUARDIAN_KEY "gu-Storyline-test-7d1e"
#define NEWSAPI_KEY  "na-Storyline-test-51c0"
#define GNEWS_KEY    "gn-Storyline-test-a93f"
#define MINIFLUX_KEY "mf-Storyline-test-0c2b"
#define NEXTCLOUD_LOGIN    "reader:app-Storyline-test-77e1"

typedef struct
{
  char             *dir;
  StoryStore       *store;
  StorySyncManager *manager;
  SoupServer       *server;
  char             *base;
  GPtrArray        *requests;   /* "METHOD path?query" of each request, in order */
  GPtrArray        *puts;       /* the bodies of Miniflux PUT requests, in order */
  gboolean          offline;    /* the Miniflux server refuses changes (503) */
  GPtrArray        *key_ids;    /* sources whose keys the test stored */
} Fixture;

static GBytes *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "providers", name, NULL);
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, length);
}

static void
serve_fixture (SoupServerMessage *message,
               guint              status,
               const char        *name)
{
  g_autoptr(GBytes) body = load_fixture (name);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, data, size);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *page = query != NULL ? g_hash_table_lookup (query, "page") : NULL;

  g_ptr_array_add (fixture->requests,
                   g_strdup_printf ("%s %s%s%s", soup_server_message_get_method (message), path,
                                    g_uri_get_query (uri) ? "?" : "",
                                    g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));

  if (g_str_has_prefix (path, "/guardian/"))
    {
      const char *key = query ? g_hash_table_lookup (query, "api-key") : NULL;

      if (g_strcmp0 (key, GUARDIAN_KEY) != 0)
        serve_fixture (message, 401, "guardian-bad-key.json");
      else if (g_str_equal (path, "/guardian/limited/search"))
        {
          soup_message_headers_replace (response, "Retry-After", "7200");
          serve_fixture (message, 429, "guardian-rate-limit.json");
        }
      else if (g_strcmp0 (page, "2") == 0)
        serve_fixture (message, 200, "guardian-search-page2.json");
      else
        serve_fixture (message, 200, "guardian-search.json");
    }
  else if (g_str_has_prefix (path, "/newsapi/"))
    {
      SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
      const char *key = soup_message_headers_get_one (request, "X-Api-Key");

      /* The header, and never the query, where a proxy's log would keep it. */
      if (g_strcmp0 (key, NEWSAPI_KEY) != 0 || (query && g_hash_table_contains (query, "apiKey")))
        serve_fixture (message, 401, "newsapi-bad-key.json");
      else if (g_str_equal (path, "/newsapi/limited"))
        serve_fixture (message, 429, "newsapi-rate-limit.json");
      else
        serve_fixture (message, 200, "newsapi-top-headlines.json");
    }
  else if (g_str_has_prefix (path, "/gnews/"))
    {
      const char *key = query ? g_hash_table_lookup (query, "apikey") : NULL;

      if (g_strcmp0 (key, GNEWS_KEY) != 0)
        serve_fixture (message, 401, "gnews-bad-key.json");
      else
        serve_fixture (message, 200, "gnews-top-headlines.json");
    }
  else if (g_str_equal (path, "/miniflux/v1/entries"))
    {
      SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
      const char *key = soup_message_headers_get_one (request, "X-Auth-Token");
      const char *offset = query ? g_hash_table_lookup (query, "offset") : NULL;

      if (g_strcmp0 (key, MINIFLUX_KEY) != 0)
        serve_fixture (message, 401, "miniflux-unauthorized.json");
      else if (g_str_equal (soup_server_message_get_method (message), "PUT"))
        {
          SoupMessageBody *body = soup_server_message_get_request_body (message);
          g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

          if (fixture->offline)
            soup_server_message_set_status (message, 503, NULL);
          else
            {
              g_ptr_array_add (fixture->puts, g_strndup (g_bytes_get_data (bytes, NULL),
                                                         g_bytes_get_size (bytes)));
              soup_server_message_set_status (message, 204, NULL);
            }
        }
      else if (query && g_hash_table_contains (query, "changed_after"))
        {
          /* Nothing changed on the server since: the changes made here stay. */
          const char *none = "{\"total\":0,\"entries\":[]}";

          soup_server_message_set_status (message, 200, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            none, strlen (none));
        }
      else if (g_strcmp0 (offset, "2") == 0)
        serve_fixture (message, 200, "miniflux-entries-page2.json");
      else
        serve_fixture (message, 200, "miniflux-entries.json");
    }
  else if (g_str_has_prefix (path, "/cloud/index.php/apps/news/api/v1-3/"))
    {
      SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
      const char *authorization = soup_message_headers_get_one (request, "Authorization");
      g_autofree char *expected = g_base64_encode ((const guchar *)NEXTCLOUD_LOGIN,
                                                   strlen (NEXTCLOUD_LOGIN));
      const char *rest = path + strlen ("/cloud/index.php/apps/news/api/v1-3");
      const char *offset = query ? g_hash_table_lookup (query, "offset") : NULL;

      if (authorization == NULL || !g_str_has_prefix (authorization, "Basic ") ||
          !g_str_equal (authorization + strlen ("Basic "), expected))
        soup_server_message_set_status (message, 401, NULL);
      else if (g_str_equal (soup_server_message_get_method (message), "POST"))
        {
          SoupMessageBody *body = soup_server_message_get_request_body (message);
          g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

          g_ptr_array_add (fixture->puts, g_strdup_printf ("%s %.*s", rest,
                                                           (int)g_bytes_get_size (bytes),
                                                           (const char *)g_bytes_get_data (bytes,
                                                                                           NULL)));
          soup_server_message_set_status (message, 200, NULL);
        }
      else if (g_str_equal (rest, "/items/updated"))
        {
          const char *none = "{\"items\":[]}";

          soup_server_message_set_status (message, 200, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            none, strlen (none));
        }
      else if (g_strcmp0 (offset, "3440") == 0)
        serve_fixture (message, 200, "nextcloud-items-page2.json");
      else
        serve_fixture (message, 200, "nextcloud-items.json");
    }
  else if (g_str_equal (path, "/wp-json/wp/v2/posts"))
    {
      soup_message_headers_replace (response, "X-WP-Total", "3");
      soup_message_headers_replace (response, "X-WP-TotalPages", "2");
      if (g_strcmp0 (page, "1") == 0)
        serve_fixture (message, 200, "wordpress-page1.json");
      else if (g_strcmp0 (page, "2") == 0)
        serve_fixture (message, 200, "wordpress-page2.json");
      else
        serve_fixture (message, 400, "wordpress-error.json");
    }
  else if (g_str_equal (path, "/broken-wp/wp-json/wp/v2/posts"))
    serve_fixture (message, 400, "wordpress-error.json");
  else if (g_str_equal (path, "/not-wp/wp-json/wp/v2/posts"))
    serve_fixture (message, 200, "miniflux-unauthorized.json");
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GSList *uris;

  fixture->dir = g_dir_make_tmp ("storyline-providers-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "storyline.db", NULL);
  fixture->store = story_store_new (path, &error);
  g_assert_no_error (error);
  fixture->manager = story_sync_manager_new (fixture->store);
  story_http_set_timeout (story_sync_manager_get_http (fixture->manager), 2);
  fixture->requests = g_ptr_array_new_with_free_func (g_free);
  fixture->puts = g_ptr_array_new_with_free_func (g_free);
  fixture->key_ids = g_ptr_array_new_with_free_func (g_free);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "storyline.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  /* Every test's cache numbers its sources from 1: its keys go with it. */
  for (guint i = 0; i < fixture->key_ids->len; i++)
    story_secrets_clear_sync (*(gint64 *)g_ptr_array_index (fixture->key_ids, i), NULL, NULL,
                              NULL);
  g_clear_pointer (&fixture->key_ids, g_ptr_array_unref);
  g_clear_pointer (&fixture->puts, g_ptr_array_unref);
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->base);
}

static gint64
add_source (Fixture    *fixture,
            const char *kind,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autofree char *url = g_strconcat (fixture->base, path + 1, NULL);

  source = story_store_add_source (fixture->store, kind, url, NULL, &error);
  g_assert_no_error (error);

  return story_source_get_id (source);
}

/* The keyring tests use only the throwaway keyring build-aux/keyring-session
 * starts on a private bus, never a real one. */
static gboolean
have_test_keyring (void)
{
  if (g_getenv ("STORY_TEST_KEYRING") != NULL)
    return TRUE;

  g_test_skip ("No throwaway keyring: run the tests through build-aux/test, which starts one "
               "on a private bus (a real keyring is never used)");
  return FALSE;
}

static void
set_key (Fixture    *fixture,
         gint64      source_id,
         const char *key)
{
  g_autoptr(GError) error = NULL;

  story_secrets_store_sync (source_id, STORY_SECRET_API_KEY, "Storyline test key", key, NULL,
                            &error);
  g_assert_no_error (error);
  g_ptr_array_add (fixture->key_ids, g_memdup2 (&source_id, sizeof source_id));
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

/* Syncs one source on the manager's worker thread while the loopback server
 * answers here. */
static StorySyncReport *
sync_one (Fixture    *fixture,
          gint64      source_id,
          GPtrArray **reports)
{
  story_sync_manager_sync_async (fixture->manager, &source_id, 1, NULL, synced_cb, reports);
  while (*reports == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (story_sync_manager_get_syncing (fixture->manager))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint ((*reports)->len, ==, 1);
  return g_ptr_array_index (*reports, 0);
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

static StoryArticle *
find_article (GPtrArray  *articles,
              const char *remote_id)
{
  for (guint i = 0; i < articles->len; i++)
    {
      StoryArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (story_article_get_remote_id (article), remote_id) == 0)
        return article;
    }

  return NULL;
}

/* The key is nowhere in what the sync stored. */
static void
assert_key_not_stored (Fixture    *fixture,
                       gint64      source_id,
                       const char *key)
{
  g_autoptr(GPtrArray) articles = list_articles (fixture, source_id);
  g_autoptr(StorySource) source = story_store_get_source (fixture->store, source_id, NULL);
  StorySourceSyncState state = { 0 };

  g_assert_null (strstr (story_source_get_url (source), key));
  g_assert_true (story_source_get_last_error (source) == NULL ||
                 strstr (story_source_get_last_error (source), key) == NULL);
  story_store_get_sync_state (fixture->store, source_id, &state, NULL);
  g_assert_true (state.cursor == NULL || strstr (state.cursor, key) == NULL);
  story_source_sync_state_clear (&state);

  for (guint i = 0; i < articles->len; i++)
    {
      g_autoptr(StoryArticle) article =
        story_store_get_article (fixture->store,
                                 story_article_get_id (g_ptr_array_index (articles, i)), NULL);
      const char *html = story_article_get_content_html (article);

      g_assert_true (html == NULL || strstr (html, key) == NULL);
      g_assert_true (story_article_get_url (article) == NULL ||
                     strstr (story_article_get_url (article), key) == NULL);
    }
}

/* A response as StoryHttp returns it, for parsing a fixture directly. */
static StoryHttpResponse *
response_for (const char *url,
              const char *header,
              const char *value)
{
  StoryHttpResponse *response = g_new0 (StoryHttpResponse, 1);

  response->status = 200;
  response->url = g_strdup (url);
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (header != NULL)
    g_hash_table_insert (response->headers, g_ascii_strdown (header, -1), g_strdup (value));

  return response;
}

static StoryFeed *
parse_fixture (const StoryProvider *provider,
               const char          *name,
               const char          *page_url,
               StoryHttpResponse   *response)
{
  g_autoptr(GBytes) body = load_fixture (name);
  g_autoptr(GError) error = NULL;
  StoryFeed *page;

  page = provider->parse (body, response, page_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  return page;
}

static void
assert_strv (const char * const *values,
             const char         *expected)
{
  g_autofree char *joined = values ? g_strjoinv ("|", (char **)values) : NULL;

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_time (gint64      value,
             const char *expected)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (value);
  g_autofree char *text = g_date_time_format_iso8601 (dt);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_kinds (void)
{
  g_assert_true (story_provider_for_kind (NULL) == &story_provider_json_feed);
  g_assert_true (story_provider_for_kind ("json-feed") == &story_provider_json_feed);
  g_assert_true (story_provider_for_kind ("miniflux") == &story_provider_miniflux);
  g_assert_null (story_provider_for_kind ("gopher"));

  g_assert_true (story_provider_detect_url ("https://content.guardianapis.com/search?q=x") ==
                 &story_provider_guardian);
  g_assert_true (story_provider_detect_url ("https://newsapi.org/v2/top-headlines?country=de") ==
                 &story_provider_newsapi);
  g_assert_true (story_provider_detect_url ("https://gnews.io/api/v4/search?q=rail") ==
                 &story_provider_gnews);
  g_assert_null (story_provider_detect_url ("https://example.com/feed.json"));

  /* Only the two-way kinds send changes back. */
  for (const StoryProvider * const *p = story_provider_list (); *p != NULL; p++)
    g_assert_true (((*p)->push_changes != NULL) == (*p)->two_way);
}

static void
test_url_params (void)
{
  const char *keys[] = { "api-key", "apikey", NULL };
  g_autofree char *added = story_provider_url_with_param ("https://h.example/s?q=a#top", "page",
                                                          "2");
  g_autofree char *replaced = story_provider_url_with_param ("https://h.example/s?page=1&q=a",
                                                             "page", "3");
  g_autofree char *escaped = story_provider_url_with_param ("https://h.example/s", "api-key",
                                                            "a&b=c d");
  g_autofree char *value = NULL;
  g_autofree char *stripped = story_provider_url_strip_params (
    "https://h.example/s?section=world&API-KEY=s%26cret&x=1", keys, &value);

  g_assert_cmpstr (added, ==, "https://h.example/s?q=a&page=2#top");
  g_assert_cmpstr (replaced, ==, "https://h.example/s?q=a&page=3");
  g_assert_cmpstr (escaped, ==, "https://h.example/s?api-key=a%26b%3Dc%20d");
  g_assert_cmpstr (stripped, ==, "https://h.example/s?section=world&x=1");
  g_assert_cmpstr (value, ==, "s&cret");
}

static void
test_wordpress_mapping (void)
{
  const char *url = "https://harbour-gazette.example/wp-json/wp/v2/posts?per_page=50&_embed=1&page=1";
  g_autoptr(StoryHttpResponse) response = response_for (url, "X-WP-TotalPages", "2");
  g_autoptr(StoryFeed) page = parse_fixture (&story_provider_wordpress, "wordpress-page1.json",
                                             url, response);
  StoryArticle *cranes;
  StoryArticle *ferry;

  g_assert_cmpuint (page->articles->len, ==, 2);
  cranes = g_ptr_array_index (page->articles, 0);
  g_assert_cmpstr (story_article_get_remote_id (cranes), ==, "4101");
  g_assert_cmpstr (story_article_get_url (cranes), ==,
                   "https://harbour-gazette.example/2026/11/harbour-cranes-return/");
  /* Entities decoded, and plain text. */
  g_assert_cmpstr (story_article_get_title (cranes), ==,
                   "Harbour cranes return – and the night shift with them");
  g_assert_nonnull (strstr (story_article_get_content_html (cranes), "<em>night shift</em>"));
  g_assert_cmpstr (story_article_get_summary (cranes), ==,
                   "The cranes were back on the quay by dawn …");
  /* date_gmt is UTC even without a zone; the site's local date is ignored. */
  assert_time (story_article_get_published (cranes), "2026-11-20T08:15:00Z");
  assert_time (story_article_get_updated (cranes), "2026-11-20T09:02:11Z");
  assert_strv (story_article_get_authors (cranes), "Maren Holt");
  g_assert_cmpstr (story_article_get_image (cranes), ==,
                   "https://harbour-gazette.example/uploads/cranes.jpg");
  assert_strv (story_article_get_tags (cranes), "Port & Shipping|Dockers|Night shift");

  /* An embedded error instead of an author, and "Uncategorized", give nothing. */
  ferry = g_ptr_array_index (page->articles, 1);
  g_assert_null (story_article_get_authors (ferry));
  g_assert_null (story_article_get_tags (ferry));
  g_assert_null (story_article_get_image (ferry));
  g_assert_null (story_article_get_summary (ferry));

  g_assert_cmpstr (page->next_url, ==,
                   "https://harbour-gazette.example/wp-json/wp/v2/posts?per_page=50&_embed=1&page=2");
}

static void
test_wordpress_not_posts (void)
{
  g_autoptr(GBytes) body = load_fixture ("wordpress-error.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) page = NULL;

  page = story_provider_wordpress.parse (body, NULL, "https://w.example/wp-json/wp/v2/posts",
                                         &error);
  g_assert_null (page);
  g_assert_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API);
}

static void
test_wordpress_sync (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id = add_source (fixture, STORY_PROVIDER_WORDPRESS, "/wp-json/wp/v2/posts");
  StorySyncReport *report = sync_one (fixture, id, &reports);
  StoryArticle *lighthouse;

  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, ==, 3);

  /* Both pages, with everything embedded, and no third one. */
  g_assert_cmpuint (fixture->requests->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==,
                   "GET /wp-json/wp/v2/posts?per_page=50&_embed=1&page=1");
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 1), ==,
                   "GET /wp-json/wp/v2/posts?per_page=50&_embed=1&page=2");

  articles = list_articles (fixture, id);
  g_assert_cmpuint (articles->len, ==, 3);

  /* The next sync asks only for what changed since the newest change seen
   * (2026-11-20T09:02:11Z), less a day for sites that read it in their own zone. */
  {
    g_autoptr(GPtrArray) again = NULL;

    g_ptr_array_set_size (fixture->requests, 0);
    report = sync_one (fixture, id, &again);
    g_assert_no_error (report->error);
    g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==,
                     "GET /wp-json/wp/v2/posts?per_page=50&_embed=1"
                     "&modified_after=2026-11-19T09%3A02%3A11Z&orderby=modified&page=1");
  }

  lighthouse = find_article (articles, "4090");
  g_assert_nonnull (lighthouse);
  g_assert_cmpstr (story_article_get_title (lighthouse), ==, "Lighthouse keeper’s last night");
  assert_strv (story_article_get_tags (lighthouse), "Coast");

  /* The relative link in a body was made absolute against the post. */
  {
    g_autoptr(StoryArticle) cranes = story_store_get_article (fixture->store,
                                                              story_article_get_id (find_article (articles, "4101")),
                                                              NULL);

    g_assert_nonnull (strstr (story_article_get_content_html (cranes),
                              "https://harbour-gazette.example/tags/port"));
  }
}

static void
test_wordpress_error (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  gint64 broken = add_source (fixture, STORY_PROVIDER_WORDPRESS, "/broken-wp/wp-json/wp/v2/posts");
  StorySyncReport *report = sync_one (fixture, broken, &reports);

  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE);
  g_assert_cmpstr (report->error->message, ==,
                   "The WordPress site answered 400: The page number requested is larger than "
                   "the number of pages available.");
}

static void
test_wordpress_wrong_document (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(StorySource) source = NULL;
  gint64 id = add_source (fixture, STORY_PROVIDER_WORDPRESS, "/not-wp/wp-json/wp/v2/posts");
  StorySyncReport *report = sync_one (fixture, id, &reports);

  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API);
  source = story_store_get_source (fixture->store, id, NULL);
  g_assert_cmpstr (story_source_get_last_error (source), ==, report->error->message);
}

static void
test_guardian_mapping (void)
{
  const char *url = "https://content.guardianapis.com/search?section=world&page=1";
  g_autoptr(StoryFeed) page = parse_fixture (&story_provider_guardian, "guardian-search.json",
                                             url, NULL);
  StoryArticle *barrier;
  StoryArticle *comet;

  g_assert_cmpuint (page->articles->len, ==, 2);
  barrier = g_ptr_array_index (page->articles, 0);
  g_assert_cmpstr (story_article_get_remote_id (barrier), ==,
                   "world/2026/nov/20/river-delta-flood-barrier-opens");
  g_assert_cmpstr (story_article_get_title (barrier), ==,
                   "Flood barrier opens on the river delta after a decade of work");
  g_assert_cmpstr (story_article_get_summary (barrier), ==,
                   "Engineers say the barrier will protect 40,000 homes");
  g_assert_nonnull (strstr (story_article_get_content_html (barrier), "first test at noon"));
  assert_strv (story_article_get_authors (barrier), "Ines Okafor in Rotterdam");
  assert_time (story_article_get_published (barrier), "2026-11-20T06:45:12Z");
  assert_time (story_article_get_updated (barrier), "2026-11-20T08:00:00Z");
  g_assert_cmpstr (story_article_get_image (barrier), ==,
                   "https://media.guim.example/barrier-thumb.jpg");
  /* The section, then keyword tags; contributors are not topics. */
  assert_strv (story_article_get_tags (barrier), "World news|Flooding|Netherlands");

  /* Without fields: the web title, and the standfirst as the body. */
  comet = g_ptr_array_index (page->articles, 1);
  g_assert_cmpstr (story_article_get_title (comet), ==, "Comet’s second tail puzzles astronomers");
  g_assert_cmpstr (story_article_get_content_html (comet), ==,
                   "<p>A rare sight over the southern sky</p>\n");

  g_assert_cmpstr (page->next_url, ==,
                   "https://content.guardianapis.com/search?section=world&page=2");
}

static void
assert_status_error (const StoryProvider *provider,
                     guint                status,
                     const char          *fixture_name,
                     int                  code,
                     const char          *message)
{
  g_autoptr(GBytes) body = fixture_name ? load_fixture (fixture_name) : NULL;
  g_autoptr(GError) error = NULL;

  story_provider_set_status_error (provider, status, body, &error);
  g_assert_error (error, STORY_PROVIDER_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_errors (void)
{
  assert_status_error (&story_provider_guardian, 401, "guardian-bad-key.json",
                       STORY_PROVIDER_ERROR_BAD_KEY,
                       "The Guardian did not accept the API key (401): Invalid authentication "
                       "credentials");
  assert_status_error (&story_provider_guardian, 429, "guardian-rate-limit.json",
                       STORY_PROVIDER_ERROR_RATE_LIMITED,
                       "The Guardian’s request limit for this API key is reached: API rate "
                       "limit exceeded");
  assert_status_error (&story_provider_newsapi, 401, "newsapi-bad-key.json",
                       STORY_PROVIDER_ERROR_BAD_KEY,
                       "NewsAPI did not accept the API key (401): Your API key is invalid or "
                       "incorrect. Check your key, or go to the account page to create a free "
                       "API key.");
  assert_status_error (&story_provider_newsapi, 429, "newsapi-rate-limit.json",
                       STORY_PROVIDER_ERROR_RATE_LIMITED,
                       "NewsAPI’s request limit for this API key is reached: You have made too "
                       "many requests recently. Developer accounts are limited to 100 requests "
                       "over a 24 hour period.");
  assert_status_error (&story_provider_gnews, 401, "gnews-bad-key.json",
                       STORY_PROVIDER_ERROR_BAD_KEY,
                       "GNews did not accept the API key (401): Your API key is invalid.");
  assert_status_error (&story_provider_gnews, 403, "gnews-quota.json",
                       STORY_PROVIDER_ERROR_RATE_LIMITED,
                       "GNews’s request limit for this API key is reached: You have reached the "
                       "limit of requests per day of your current plan.");
  assert_status_error (&story_provider_miniflux, 401, "miniflux-unauthorized.json",
                       STORY_PROVIDER_ERROR_BAD_KEY,
                       "The Miniflux server did not accept the API key (401): Access "
                       "Unauthorized");
  /* A body that explains nothing still gives a sentence with the service's name. */
  assert_status_error (&story_provider_miniflux, 500, NULL, STORY_PROVIDER_ERROR_SERVICE,
                       "Miniflux answered 500 Internal Server Error");
  assert_status_error (&story_provider_guardian, 403, NULL, STORY_PROVIDER_ERROR_BAD_KEY,
                       "The Guardian did not accept the API key (403): no reason given");
}

static void
test_newsapi_mapping (void)
{
  const char *url = "https://newsapi.org/v2/top-headlines?country=gb&category=science&pageSize=2&page=1";
  g_autoptr(StoryFeed) page = parse_fixture (&story_provider_newsapi,
                                             "newsapi-top-headlines.json", url, NULL);
  StoryArticle *cable;
  StoryArticle *battery;

  /* The removed article has no address, so no identity: it is skipped. */
  g_assert_cmpuint (page->articles->len, ==, 2);
  g_assert_cmpuint (page->n_skipped, ==, 1);

  cable = g_ptr_array_index (page->articles, 0);
  g_assert_cmpstr (story_article_get_remote_id (cable), ==,
                   "https://coastal-herald.example/wind-farm-cable");
  g_assert_cmpstr (story_article_get_summary (cable), ==,
                   "The export cable of the offshore wind farm came ashore on Thursday.");
  /* The teaser without its "[+1843 chars]". */
  g_assert_cmpstr (story_article_get_content_html (cable), ==,
                   "<p>The export cable of the offshore wind farm came ashore on Thursday.</p>\n"
                   "<p>Crews pulled the cable through a duct under the dunes, finishing a day "
                   "early. The farm will feed the grid from spring…</p>\n");
  assert_strv (story_article_get_authors (cable), "Tomas Wren");
  assert_time (story_article_get_published (cable), "2026-11-20T05:10:00Z");
  g_assert_cmpstr (story_article_get_image (cable), ==,
                   "https://coastal-herald.example/img/cable.jpg");
  /* The category is not in the answer: the query's is the topic hint. */
  assert_strv (story_article_get_tags (cable), "Science");

  battery = g_ptr_array_index (page->articles, 1);
  g_assert_null (story_article_get_image (battery));   /* "null", the string */
  g_assert_null (story_article_get_authors (battery));
  g_assert_null (story_article_get_content_html (battery));

  /* Two results, two a page: no second page. */
  g_assert_null (page->next_url);
}

static void
test_gnews_mapping (void)
{
  const char *url = "https://gnews.io/api/v4/top-headlines?category=world&max=10&page=1";
  g_autoptr(StoryFeed) page = parse_fixture (&story_provider_gnews, "gnews-top-headlines.json",
                                             url, NULL);
  StoryArticle *trains;
  StoryArticle *glacier;

  g_assert_cmpuint (page->articles->len, ==, 2);
  trains = g_ptr_array_index (page->articles, 0);
  g_assert_cmpstr (story_article_get_remote_id (trains), ==,
                   "https://rail-review.example/night-trains");
  g_assert_cmpstr (story_article_get_title (trains), ==, "Night trains return to the northern line");
  g_assert_cmpstr (story_article_get_content_html (trains), ==,
                   "<p>Sleeper services resume after four years.</p>\n"
                   "<p>The first sleeper left the capital at 22:10 with every berth sold. "
                   "Operators plan three departures a week</p>\n");
  g_assert_cmpstr (story_article_get_image (trains), ==, "https://rail-review.example/sleeper.jpg");
  assert_strv (story_article_get_tags (trains), "World");
  assert_time (story_article_get_published (trains), "2026-11-20T04:00:00Z");

  glacier = g_ptr_array_index (page->articles, 1);
  g_assert_null (story_article_get_summary (glacier));
  g_assert_null (story_article_get_content_html (glacier));

  /* Twelve articles, ten a page. */
  g_assert_cmpstr (page->next_url, ==,
                   "https://gnews.io/api/v4/top-headlines?category=world&max=10&page=2");
}

static void
test_gnews_error_in_answer (void)
{
  g_autoptr(GBytes) body = load_fixture ("gnews-bad-key.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryFeed) page = NULL;

  page = story_provider_gnews.parse (body, NULL, "https://gnews.io/api/v4/search?q=x", &error);
  g_assert_null (page);
  g_assert_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE);
  g_assert_cmpstr (error->message, ==, "GNews refused the request: Your API key is invalid.");
}

static void
test_miniflux_mapping (void)
{
  const char *url = "https://rss.example/v1/entries?order=id&direction=desc&limit=2&offset=0";
  g_autoptr(StoryFeed) page = parse_fixture (&story_provider_miniflux, "miniflux-entries.json",
                                             url, NULL);
  g_autoptr(StoryFeed) last = NULL;
  StoryArticle *tram;
  StoryArticle *library;

  g_assert_cmpuint (page->articles->len, ==, 2);
  tram = g_ptr_array_index (page->articles, 0);
  g_assert_cmpstr (story_article_get_remote_id (tram), ==, "8801");
  g_assert_cmpstr (story_article_get_title (tram), ==, "Tram line extension approved");
  g_assert_nonnull (strstr (story_article_get_content_html (tram), "<b>extension</b>"));
  assert_strv (story_article_get_authors (tram), "City Notes desk");
  /* An offset in the date becomes UTC. */
  assert_time (story_article_get_published (tram), "2026-11-20T06:00:00Z");
  g_assert_cmpstr (story_article_get_image (tram), ==, "https://city-notes.example/tram.jpg");
  /* The feed's category, then the entry's tags, without repeats in another case. */
  assert_strv (story_article_get_tags (tram), "Local|Transport");
  g_assert_false (story_article_get_read (tram));
  g_assert_true (story_article_get_starred (tram));

  library = g_ptr_array_index (page->articles, 1);
  g_assert_true (story_article_get_read (library));
  g_assert_false (story_article_get_starred (library));
  g_assert_null (story_article_get_authors (library));
  g_assert_null (story_article_get_image (library));

  g_assert_cmpstr (page->next_url, ==,
                   "https://rss.example/v1/entries?order=id&direction=desc&limit=2&offset=2");

  /* A removed entry counts as read; the last page has no next. */
  last = parse_fixture (&story_provider_miniflux, "miniflux-entries-page2.json", page->next_url,
                        NULL);
  g_assert_cmpuint (last->articles->len, ==, 1);
  g_assert_true (story_article_get_read (g_ptr_array_index (last->articles, 0)));
  g_assert_null (last->next_url);
}

static void
test_miniflux_first_page (void)
{
  StoryProviderContext context = { "https://rss.example/reader/", NULL, NULL, 0 };
  g_autofree char *first = story_provider_miniflux.first_page (&context);
  g_autofree char *later = NULL;

  g_assert_cmpstr (first, ==,
                   "https://rss.example/reader/v1/entries?order=id&direction=desc&limit=100"
                   "&offset=0");

  /* After a sync: only what changed since, oldest first. */
  context.cursor = "1795000000";
  later = story_provider_miniflux.first_page (&context);
  g_assert_cmpstr (later, ==,
                   "https://rss.example/reader/v1/entries?changed_after=1795000000&order=id"
                   "&direction=asc&limit=100&offset=0");
}

/* Articles of a Miniflux account, stored as a sync stores them. */
static gint64
add_account_with_articles (StoryStore *store,
                           const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = g_strdup_printf ("https://%s.example/", kind);

  source = story_store_add_source (store, kind, url, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= 3; i++)
    {
      StoryArticle *article = story_article_new ();
      g_autofree char *remote_id = g_strdup_printf ("%u", 100 + i);
      g_autofree char *title = g_strdup_printf ("Entry %u", i);

      story_article_set_remote_id (article, remote_id);
      story_article_set_title (article, title);
      story_article_set_content_html (article, "<p>Text</p>");
      g_ptr_array_add (articles, article);
    }
  story_store_save_articles (store, story_source_get_id (source), articles, NULL, &error);
  g_assert_no_error (error);

  return story_source_get_id (source);
}

static gint64
article_id_for (StoryStore *store,
                gint64      source_id,
                const char *remote_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  StoryArticle *article;

  query.source_id = source_id;
  articles = story_store_list_articles (store, &query, &error);
  g_assert_no_error (error);
  article = find_article (articles, remote_id);
  g_assert_nonnull (article);

  return story_article_get_id (article);
}

static void
test_pending_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(StoryArticle) first = NULL;
  g_autoptr(StoryArticle) second = NULL;
  gint64 account = add_account_with_articles (fixture->store, STORY_PROVIDER_MINIFLUX);
  gint64 feed = add_account_with_articles (fixture->store, STORY_PROVIDER_JSON_FEED);
  gint64 a101 = article_id_for (fixture->store, account, "101");
  gint64 a102 = article_id_for (fixture->store, account, "102");
  gint64 id;
  StoryPendingChange *change;

  /* Every way of changing state is queued, in order; a no-op is not. */
  story_store_set_read (fixture->store, a101, TRUE, &error);
  g_assert_no_error (error);
  story_store_set_starred (fixture->store, a102, TRUE, &error);
  g_assert_no_error (error);
  story_store_set_starred (fixture->store, a102, TRUE, &error);
  g_assert_no_error (error);
  g_array_append_val (ids, a102);
  story_store_set_read_many (fixture->store, ids, TRUE, &error);
  g_assert_no_error (error);
  story_store_set_read (fixture->store, a101, FALSE, &error);
  g_assert_no_error (error);

  /* A JSON Feed keeps its state to itself. */
  id = article_id_for (fixture->store, feed, "101");
  story_store_set_read (fixture->store, id, TRUE, &error);
  g_assert_no_error (error);
  none = story_store_list_pending_changes (fixture->store, feed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  changes = story_store_list_pending_changes (fixture->store, account, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->remote_id, ==, "101");
  g_assert_cmpint (change->field, ==, STORY_CHANGE_READ);
  g_assert_true (change->value);
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (change->remote_id, ==, "102");
  g_assert_cmpint (change->field, ==, STORY_CHANGE_STARRED);
  change = g_ptr_array_index (changes, 2);
  g_assert_cmpint (change->field, ==, STORY_CHANGE_READ);
  change = g_ptr_array_index (changes, 3);
  g_assert_cmpstr (change->remote_id, ==, "101");
  g_assert_false (change->value);

  /* The service's older state does not undo a change still queued (102 read,
   * 101 unread), but does apply where nothing is queued (103), and is not
   * queued to be sent back. */
  for (guint i = 1; i <= 3; i++)
    {
      StoryArticle *article = story_article_new ();
      g_autofree char *remote_id = g_strdup_printf ("%u", 100 + i);

      story_article_set_remote_id (article, remote_id);
      story_article_set_read (article, i != 2);
      story_article_set_starred (article, i == 3);
      g_ptr_array_add (remote, article);
    }
  story_store_apply_remote_state (fixture->store, account, remote, &error);
  g_assert_no_error (error);

  first = story_store_get_article (fixture->store, a101, &error);
  g_assert_false (story_article_get_read (first));
  second = story_store_get_article (fixture->store, a102, &error);
  g_assert_true (story_article_get_read (second));
  g_assert_true (story_article_get_starred (second));
  {
    g_autoptr(StoryArticle) third = story_store_get_article (fixture->store,
                                                             article_id_for (fixture->store,
                                                                             account, "103"),
                                                             &error);

    g_assert_true (story_article_get_read (third));
    g_assert_true (story_article_get_starred (third));
  }
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = story_store_list_pending_changes (fixture->store, account, &error);
  g_assert_cmpuint (changes->len, ==, 4);

  /* Sent changes leave the queue, up to the last one sent. */
  change = g_ptr_array_index (changes, 1);
  story_store_remove_pending_changes (fixture->store, account, change->id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = story_store_list_pending_changes (fixture->store, account, &error);
  g_assert_cmpuint (changes->len, ==, 2);
}

static void
test_guardian_sync (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id = add_source (fixture, STORY_PROVIDER_GUARDIAN, "/guardian/search?section=world");
  StorySyncReport *report;

  if (!have_test_keyring ())
    return;
  set_key (fixture, id, GUARDIAN_KEY);

  report = sync_one (fixture, id, &reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, ==, 3);

  /* Both pages, the key as the api-key parameter of each, the fields asked for. */
  g_assert_cmpuint (fixture->requests->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *request = g_ptr_array_index (fixture->requests, i);

      g_assert_nonnull (strstr (request, "api-key=" GUARDIAN_KEY));
      g_assert_nonnull (strstr (request, "show-fields=headline%2CtrailText%2Cbody"));
      g_assert_nonnull (strstr (request, i == 0 ? "&page=1" : "&page=2"));
    }

  articles = list_articles (fixture, id);
  g_assert_cmpuint (articles->len, ==, 3);
  assert_strv (story_article_get_tags (find_article (articles, "uk-news/2026/nov/18/canal-reopens")),
               "UK news");

  /* The next sync asks only for what changed since the newest change (08:00), less an hour. */
  {
    g_autoptr(GPtrArray) again = NULL;

    g_ptr_array_set_size (fixture->requests, 0);
    report = sync_one (fixture, id, &again);
    g_assert_no_error (report->error);
    g_assert_nonnull (strstr (g_ptr_array_index (fixture->requests, 0),
                              "&use-date=last-modified&from-date=2026-11-20T07%3A00%3A00Z&page=1"));
  }
  assert_key_not_stored (fixture, id, GUARDIAN_KEY);
}

static void
test_guardian_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) wrong_reports = NULL;
  g_autoptr(GPtrArray) missing_reports = NULL;
  g_autoptr(GPtrArray) limited_reports = NULL;
  g_auto(StorySourceSyncState) state = { 0 };
  gint64 wrong = add_source (fixture, STORY_PROVIDER_GUARDIAN, "/guardian/search?q=wrong");
  gint64 missing = add_source (fixture, STORY_PROVIDER_GUARDIAN, "/guardian/search?q=none");
  gint64 limited = add_source (fixture, STORY_PROVIDER_GUARDIAN, "/guardian/limited/search");
  StorySyncReport *report;

  if (!have_test_keyring ())
    return;
  set_key (fixture, wrong, "not-the-key");
  set_key (fixture, limited, GUARDIAN_KEY);

  report = sync_one (fixture, wrong, &wrong_reports);
  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY);
  g_assert_cmpstr (report->error->message, ==,
                   "The Guardian did not accept the API key (401): Invalid authentication "
                   "credentials");
  assert_key_not_stored (fixture, wrong, "not-the-key");

  /* No key in the keyring: no request at all, and words saying what to do. */
  g_ptr_array_set_size (fixture->requests, 0);
  report = sync_one (fixture, missing, &missing_reports);
  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NEEDS_KEY);
  g_assert_cmpuint (fixture->requests->len, ==, 0);

  /* A spent quota: the service's words, and its Retry-After is honoured. */
  report = sync_one (fixture, limited, &limited_reports);
  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpstr (report->error->message, ==,
                   "The Guardian’s request limit for this API key is reached: API rate limit "
                   "exceeded");
  story_store_get_sync_state (fixture->store, limited, &state, NULL);
  g_assert_cmpint (state.next_attempt, >=, g_get_real_time () / G_USEC_PER_SEC + 7000);
}

static void
test_newsapi_sync (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) limited_reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id = add_source (fixture, STORY_PROVIDER_NEWSAPI,
                          "/newsapi/top-headlines?country=gb&category=science");
  gint64 limited = add_source (fixture, STORY_PROVIDER_NEWSAPI, "/newsapi/limited");
  StorySyncReport *report;

  if (!have_test_keyring ())
    return;
  set_key (fixture, id, NEWSAPI_KEY);
  set_key (fixture, limited, NEWSAPI_KEY);

  /* The server refuses the key in the query and wants the header. */
  report = sync_one (fixture, id, &reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_null (strstr (g_ptr_array_index (fixture->requests, 0), NEWSAPI_KEY));
  articles = list_articles (fixture, id);
  assert_strv (story_article_get_tags (find_article (articles,
                                                     "https://techwire.example/battery-plant")),
               "Science");
  assert_key_not_stored (fixture, id, NEWSAPI_KEY);

  report = sync_one (fixture, limited, &limited_reports);
  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED);
}

static void
test_gnews_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id = add_source (fixture, STORY_PROVIDER_GNEWS,
                          "/gnews/api/v4/top-headlines?category=world&max=10");
  StorySyncReport *report;

  if (!have_test_keyring ())
    return;
  set_key (fixture, id, GNEWS_KEY);

  /* Twelve articles, ten a page, and the second page repeats the first: two
   * requests, two articles. */
  report = sync_one (fixture, id, &reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (fixture->requests->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->requests, 1), "apikey=" GNEWS_KEY));
  articles = list_articles (fixture, id);
  g_assert_cmpuint (articles->len, ==, 2);
  assert_key_not_stored (fixture, id, GNEWS_KEY);
}

static StoryArticle *
get_by_remote_id (Fixture    *fixture,
                  gint64      source_id,
                  const char *remote_id)
{
  g_autoptr(GError) error = NULL;
  StoryArticle *article = story_store_get_article (fixture->store,
                                                   article_id_for (fixture->store, source_id,
                                                                   remote_id),
                                                   &error);

  g_assert_no_error (error);
  return article;
}

static void
test_miniflux_two_way (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) first_reports = NULL;
  g_autoptr(GPtrArray) offline_reports = NULL;
  g_autoptr(GPtrArray) online_reports = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(StoryArticle) tram = NULL;
  g_autoptr(StoryArticle) library = NULL;
  g_autoptr(StoryArticle) old = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, STORY_PROVIDER_MINIFLUX, "/miniflux/");
  StorySyncReport *report;
  const char *last;

  if (!have_test_keyring ())
    return;
  set_key (fixture, id, MINIFLUX_KEY);

  /* The first sync takes the newest entries, page by page, with the server's state. */
  report = sync_one (fixture, id, &first_reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==,
                   "GET /miniflux/v1/entries?order=id&direction=desc&limit=100&offset=0");
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 1), ==,
                   "GET /miniflux/v1/entries?order=id&direction=desc&limit=100&offset=2");
  tram = get_by_remote_id (fixture, id, "8801");
  g_assert_false (story_article_get_read (tram));
  g_assert_true (story_article_get_starred (tram));
  library = get_by_remote_id (fixture, id, "8790");
  g_assert_true (story_article_get_read (library));
  old = get_by_remote_id (fixture, id, "8700");
  g_assert_true (story_article_get_read (old));
  /* Server state is not sent back. */
  pending = story_store_list_pending_changes (fixture->store, id, &error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Offline, the reader reads the tram story, unstars it, and keeps the library one for later. */
  story_store_set_read (fixture->store, story_article_get_id (tram), TRUE, &error);
  story_store_set_starred (fixture->store, story_article_get_id (tram), FALSE, &error);
  story_store_set_read (fixture->store, story_article_get_id (library), FALSE, &error);
  g_assert_no_error (error);

  fixture->offline = TRUE;
  report = sync_one (fixture, id, &offline_reports);
  g_assert_error (report->error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE);
  g_assert_cmpuint (fixture->puts->len, ==, 0);
  pending = story_store_list_pending_changes (fixture->store, id, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Back online: the changes go first, in order, then only what changed since. */
  fixture->offline = FALSE;
  g_ptr_array_set_size (fixture->requests, 0);
  report = sync_one (fixture, id, &online_reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (fixture->puts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fixture->puts, 0), ==,
                   "{\"entry_ids\":[8801],\"status\":\"read\"}");
  g_assert_cmpstr (g_ptr_array_index (fixture->puts, 1), ==,
                   "{\"entry_ids\":[8801],\"starred\":false}");
  g_assert_cmpstr (g_ptr_array_index (fixture->puts, 2), ==,
                   "{\"entry_ids\":[8790],\"status\":\"unread\"}");
  last = g_ptr_array_index (fixture->requests, fixture->requests->len - 1);
  g_assert_true (g_str_has_prefix (last, "GET /miniflux/v1/entries?changed_after="));
  pending = story_store_list_pending_changes (fixture->store, id, &error);
  g_assert_cmpuint (pending->len, ==, 0);

  g_clear_object (&tram);
  tram = get_by_remote_id (fixture, id, "8801");
  g_assert_true (story_article_get_read (tram));
  g_assert_false (story_article_get_starred (tram));
  assert_key_not_stored (fixture, id, MINIFLUX_KEY);
}

static void
test_nextcloud_mapping (void)
{
  const char *url = "https://cloud.example/index.php/apps/news/api/v1-3/items?type=3&batchSize=2"
                    "&offset=0";
  g_autoptr(StoryFeed) page = parse_fixture (&story_provider_nextcloud_news,
                                             "nextcloud-items.json", url, NULL);
  StoryArticle *ferry;
  StoryArticle *snow;

  g_assert_cmpuint (page->articles->len, ==, 2);
  ferry = g_ptr_array_index (page->articles, 0);
  g_assert_cmpstr (story_article_get_remote_id (ferry), ==, "3443");
  /* The server does not sanitise titles: markup and entities become text. */
  g_assert_cmpstr (story_article_get_title (ferry), ==, "Ferry crews & port agree new rota");
  g_assert_nonnull (strstr (story_article_get_content_html (ferry), "<strong>Monday</strong>"));
  assert_strv (story_article_get_authors (ferry), "Jo Marsh");
  assert_time (story_article_get_published (ferry), "2026-11-24T09:00:00Z");
  assert_time (story_article_get_updated (ferry), "2026-11-24T10:00:00Z");
  g_assert_cmpstr (story_article_get_image (ferry), ==, "https://river-news.example/img/ferry.jpg");
  g_assert_false (story_article_get_read (ferry));
  g_assert_true (story_article_get_starred (ferry));

  /* No date, an audio enclosure (the thumbnail is the picture), microseconds. */
  snow = g_ptr_array_index (page->articles, 1);
  g_assert_cmpint (story_article_get_published (snow), ==, STORY_TIME_UNKNOWN);
  assert_time (story_article_get_updated (snow), "2026-11-24T10:00:00Z");
  g_assert_cmpstr (story_article_get_image (snow), ==, "https://hill-post.example/snow-thumb.jpg");
  g_assert_true (story_article_get_read (snow));
  g_assert_null (story_article_get_authors (snow));

  /* A full batch: the next page starts under its lowest id. */
  g_assert_cmpstr (page->next_url, ==,
                   "https://cloud.example/index.php/apps/news/api/v1-3/items?type=3&batchSize=2"
                   "&offset=3440");
}

static void
test_nextcloud_two_way (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first_reports = NULL;
  g_autoptr(GPtrArray) second_reports = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(StoryArticle) ferry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  StorySyncReport *report;
  gint64 id;

  if (!have_test_keyring ())
    return;

  /* The address as pasted, with the app password: the store keeps the
   * password in the keyring and the address without it. */
  url = g_strdup_printf ("http://%s@%s", NEXTCLOUD_LOGIN, fixture->base + strlen ("http://"));
  {
    g_autofree char *with_path = g_strconcat (url, "cloud/", NULL);

    source = story_store_add_source (fixture->store, STORY_PROVIDER_NEXTCLOUD_NEWS, with_path,
                                     NULL, &error);
  }
  g_assert_no_error (error);
  id = story_source_get_id (source);
  g_ptr_array_add (fixture->key_ids, g_memdup2 (&id, sizeof id));
  g_assert_null (strstr (story_source_get_url (source), "app-Storyline"));

  /* The newest items, all read or not, with the login sent at once (the
   * batch is not full: no second page). */
  report = sync_one (fixture, id, &first_reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->requests, 0), ==,
                   "GET /cloud/index.php/apps/news/api/v1-3/items?type=3&id=0&getRead=true"
                   "&oldestFirst=false&batchSize=200&offset=0");

  ferry = get_by_remote_id (fixture, id, "3443");
  g_assert_true (story_article_get_starred (ferry));
  g_assert_false (story_article_get_read (ferry));

  /* The reader reads and unstars it; the next sync sends both, then asks what changed. */
  story_store_set_read (fixture->store, story_article_get_id (ferry), TRUE, &error);
  story_store_set_starred (fixture->store, story_article_get_id (ferry), FALSE, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (fixture->requests, 0);
  report = sync_one (fixture, id, &second_reports);
  g_assert_no_error (report->error);
  g_assert_cmpuint (fixture->puts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->puts, 0), ==,
                   "/items/read/multiple {\"itemIds\":[3443]}");
  g_assert_cmpstr (g_ptr_array_index (fixture->puts, 1), ==,
                   "/items/unstar/multiple {\"itemIds\":[3443]}");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture->requests, 2),
                                   "GET /cloud/index.php/apps/news/api/v1-3/items/updated"
                                   "?lastModified="));
  pending = story_store_list_pending_changes (fixture->store, id, &error);
  g_assert_cmpuint (pending->len, ==, 0);
  assert_key_not_stored (fixture, id, "app-Storyline-test-77e1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/providers/kinds", test_kinds);
  g_test_add_func ("/providers/url-params", test_url_params);
  g_test_add_func ("/providers/errors", test_errors);
  g_test_add_func ("/providers/wordpress/mapping", test_wordpress_mapping);
  g_test_add_func ("/providers/wordpress/not-posts", test_wordpress_not_posts);
  g_test_add ("/providers/wordpress/sync-pages", Fixture, NULL, fixture_set_up,
              test_wordpress_sync, fixture_tear_down);
  g_test_add ("/providers/wordpress/error-body", Fixture, NULL, fixture_set_up,
              test_wordpress_error, fixture_tear_down);
  g_test_add ("/providers/wordpress/wrong-document", Fixture, NULL, fixture_set_up,
              test_wordpress_wrong_document, fixture_tear_down);
  g_test_add_func ("/providers/guardian/mapping", test_guardian_mapping);
  g_test_add_func ("/providers/newsapi/mapping", test_newsapi_mapping);
  g_test_add_func ("/providers/gnews/mapping", test_gnews_mapping);
  g_test_add_func ("/providers/gnews/error-in-answer", test_gnews_error_in_answer);
  g_test_add_func ("/providers/miniflux/mapping", test_miniflux_mapping);
  g_test_add_func ("/providers/miniflux/first-page", test_miniflux_first_page);
  g_test_add ("/providers/miniflux/pending-changes", Fixture, NULL, fixture_set_up,
              test_pending_changes, fixture_tear_down);
  g_test_add ("/providers/guardian/sync-key-in-query", Fixture, NULL, fixture_set_up,
              test_guardian_sync, fixture_tear_down);
  g_test_add ("/providers/guardian/errors", Fixture, NULL, fixture_set_up,
              test_guardian_errors, fixture_tear_down);
  g_test_add ("/providers/newsapi/sync-key-in-header", Fixture, NULL, fixture_set_up,
              test_newsapi_sync, fixture_tear_down);
  g_test_add ("/providers/gnews/sync", Fixture, NULL, fixture_set_up,
              test_gnews_sync, fixture_tear_down);
  g_test_add ("/providers/miniflux/two-way", Fixture, NULL, fixture_set_up,
              test_miniflux_two_way, fixture_tear_down);
  g_test_add_func ("/providers/nextcloud-news/mapping", test_nextcloud_mapping);
  g_test_add ("/providers/nextcloud-news/two-way", Fixture, NULL, fixture_set_up,
              test_nextcloud_two_way, fixture_tear_down);

  return g_test_run ();
}
