/* test-sync.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sync engine against real HTTP on loopback and the bundled sample. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "story-json-feed.h"
#include "story-sanitizer.h"
#include "story-sync-manager.h"

#define SAMPLE_URI "resource:///io/github/storyline/Storyline/sample/feed.json"

static const char good_feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Loopback News\","
  "\"items\":["
  "{\"id\":\"1\",\"title\":\"Port strike ends\",\"url\":\"/port\",\"tags\":[\"Port strike\"],"
  "\"content_html\":\"<p>Deal reached.</p><script>document.title='pwned'</script>"
  "<img src=\\\"/crane.jpg\\\" onerror=\\\"alert(1)\\\">\","
  "\"date_published\":\"2026-11-20T07:30:00Z\"},"
  "{\"id\":\"2\",\"title\":\"Strike talks resume\",\"tags\":[\"Port strike\"],"
  "\"content_text\":\"Talks resumed at dawn.\",\"date_published\":\"2026-11-19T07:30:00Z\"}"
  "]}";

static const char edited_feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Loopback News\","
  "\"items\":["
  "{\"id\":\"1\",\"title\":\"Port strike ends after talks\",\"url\":\"/port\","
  "\"content_text\":\"Deal reached.\",\"date_published\":\"2026-11-20T07:30:00Z\"},"
  "{\"id\":\"2\",\"title\":\"Strike talks resume\",\"tags\":[\"Port strike\"],"
  "\"content_text\":\"Talks resumed at dawn.\",\"date_published\":\"2026-11-19T07:30:00Z\"}"
  "]}";

typedef struct
{
  char             *dir;
  StoryStore       *store;
  StorySyncManager *manager;
  SoupServer       *server;
  char             *base;
  guint             n_requests;
  guint             n_not_modified;
  gboolean          edited;
  GCancellable     *cancellable;  /* cancelled by the server at /cancel/2 */
  GSList           *paused;
} Fixture;

/* A one-item page of a paged feed, pointing at @next (relative) when not NULL. */
static void
serve_page (SoupServerMessage *message,
            const char        *id,
            const char        *next)
{
  g_autofree char *body = NULL;
  g_autofree char *next_member = next ? g_strdup_printf (",\"next_url\":\"%s\"", next)
                                      : g_strdup ("");

  body = g_strdup_printf ("{\"version\":\"https://jsonfeed.org/version/1.1\","
                          "\"title\":\"Paged\"%s,\"items\":[{\"id\":\"%s\","
                          "\"title\":\"Item %s\",\"content_text\":\"Text %s\"}]}",
                          next_member, id, id, id);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* Page @page of three of a big paged feed, 300 items each with an HTML body;
 * with @bad_last, the last page is not JSON. */
static void
serve_big_page (SoupServerMessage *message,
                guint              page,
                gboolean           bad_last)
{
  GString *body = g_string_new ("{\"version\":\"https://jsonfeed.org/version/1.1\","
                                "\"title\":\"Big\",\"items\":[");
  const char *prefix = bad_last ? "/bigbad" : "/big";

  if (bad_last && page == 3)
    {
      g_string_assign (body, "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_COPY,
                                        body->str, body->len);
      g_string_free (body, TRUE);
      return;
    }

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (body,
                            "%s{\"id\":\"b%u-%u\",\"title\":\"Harbour report %u of page %u\","
                            "\"date_published\":\"2026-11-%02uT10:00:00Z\","
                            "\"content_html\":\"<p>The harbour <em>report</em> %u.</p>"
                            "<script>alert(1)</script>\"}",
                            i > 0 ? "," : "", page, i, i, page, 1 + i % 20, i);
  g_string_append (body, "]");
  if (page < 3)
    g_string_append_printf (body, ",\"next_url\":\"%s/%u\"", prefix, page + 1);
  g_string_append (body, "}");

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_COPY,
                                    body->str, body->len);
  g_string_free (body, TRUE);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->n_requests++;

  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);

  if (g_str_equal (path, "/good.json"))
    {
      const char *body = fixture->edited ? edited_feed : good_feed;

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_equal (path, "/etag.json"))
    {
      soup_message_headers_replace (response, "ETag", "\"v1\"");
      if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), "\"v1\"") == 0)
        {
          fixture->n_not_modified++;
          soup_server_message_set_status (message, 304, NULL);
        }
      else
        soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                          good_feed, strlen (good_feed));
      if (soup_server_message_get_status (message) != 304)
        soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/last-modified.json"))
    {
      const char *date = "Fri, 20 Nov 2026 07:30:00 GMT";

      soup_message_headers_replace (response, "Last-Modified", date);
      if (g_strcmp0 (soup_message_headers_get_one (request, "If-Modified-Since"), date) == 0)
        {
          fixture->n_not_modified++;
          soup_server_message_set_status (message, 304, NULL);
        }
      else
        {
          soup_server_message_set_status (message, 200, NULL);
          soup_server_message_set_response (message, "application/feed+json",
                                            SOUP_MEMORY_STATIC, good_feed, strlen (good_feed));
        }
    }
  else if (g_str_equal (path, "/paged/1"))
    serve_page (message, "p1", "/paged/2");
  else if (g_str_equal (path, "/paged/2"))
    serve_page (message, "p2", "3");
  else if (g_str_equal (path, "/paged/3"))
    serve_page (message, "p3", NULL);
  else if (g_str_equal (path, "/loop/1"))
    serve_page (message, "l1", "/loop/2");
  else if (g_str_equal (path, "/loop/2"))
    serve_page (message, "l2", "/loop/1");
  else if (g_str_has_prefix (path, "/endless/"))
    {
      guint64 n = g_ascii_strtoull (path + strlen ("/endless/"), NULL, 10);
      g_autofree char *id = g_strdup_printf ("e%" G_GUINT64_FORMAT, n);
      g_autofree char *next = g_strdup_printf ("/endless/%" G_GUINT64_FORMAT, n + 1);

      serve_page (message, id, next);
    }
  else if (g_str_has_prefix (path, "/big/"))
    serve_big_page (message, (guint)g_ascii_strtoull (path + strlen ("/big/"), NULL, 10), FALSE);
  else if (g_str_has_prefix (path, "/bigbad/"))
    serve_big_page (message, (guint)g_ascii_strtoull (path + strlen ("/bigbad/"), NULL, 10),
                    TRUE);
  else if (g_str_equal (path, "/cancel/1"))
    serve_page (message, "c1", "/cancel/2");
  else if (g_str_equal (path, "/cancel/2"))
    {
      /* The user cancels while the second page is on its way. */
      g_cancellable_cancel (fixture->cancellable);
      soup_server_message_pause (message);
      fixture->paused = g_slist_prepend (fixture->paused, g_object_ref (message));
    }
  else if (g_str_equal (path, "/silent"))
    {
      soup_server_message_pause (message);
      fixture->paused = g_slist_prepend (fixture->paused, g_object_ref (message));
    }
  else if (g_str_equal (path, "/500"))
    soup_server_message_set_status (message, 500, NULL);
  else if (g_str_equal (path, "/503"))
    {
      soup_server_message_set_status (message, 503, NULL);
      soup_message_headers_replace (response, "Retry-After", "3600");
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_status (message, 301, NULL);
      soup_message_headers_replace (response, "Location", "/good.json");
    }
  else if (g_str_equal (path, "/latin1.json"))
    {
      const char *body = "{\"version\":\"https://jsonfeed.org/version/1.1\","
                         "\"title\":\"Caf\xe9 News\",\"items\":[{\"id\":\"1\","
                         "\"title\":\"Cr\xe8me br\xfbl\xe9" "e\",\"content_text\":\"Miam.\"}]}";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json; charset=iso-8859-1",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/broken.json"))
    {
      const char *broken = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        broken, strlen (broken));
    }
  else if (g_str_equal (path, "/page.html"))
    {
      const char *html = "<!DOCTYPE html><html><body>Hello</body></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, html,
                                        strlen (html));
    }
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

  fixture->dir = g_dir_make_tmp ("storyline-sync-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "storyline.db", NULL);
  fixture->store = story_store_new (path, &error);
  g_assert_no_error (error);
  fixture->manager = story_sync_manager_new (fixture->store);
  story_http_set_timeout (story_sync_manager_get_http (fixture->manager), 1);
  story_http_set_deadline (story_sync_manager_get_http (fixture->manager), 2);
  fixture->cancellable = g_cancellable_new ();

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

  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  soup_server_disconnect (fixture->server);
  g_slist_free_full (fixture->paused, g_object_unref);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->cancellable);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->base);
}

static gint64
add_source (Fixture    *fixture,
            const char *path_or_uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autofree char *url = NULL;

  url = g_str_has_prefix (path_or_uri, "resource:") || g_str_has_prefix (path_or_uri, "gopher:")
          ? g_strdup (path_or_uri)
          : g_strconcat (fixture->base, path_or_uri + 1, NULL);
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

static GPtrArray *
sync_some (Fixture      *fixture,
           const gint64 *ids,
           guint         n_ids,
           GCancellable *cancellable)
{
  GPtrArray *reports = NULL;

  story_sync_manager_sync_async (fixture->manager, ids, n_ids, cancellable, synced_cb, &reports);
  g_assert_true (story_sync_manager_get_syncing (fixture->manager));
  while (reports == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* "syncing" drops once the task has completed. */
  while (story_sync_manager_get_syncing (fixture->manager))
    g_main_context_iteration (NULL, TRUE);

  return reports;
}

static GPtrArray *
sync_all (Fixture *fixture)
{
  return sync_some (fixture, NULL, 0, NULL);
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

static void
test_one_bad_source_among_good (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(StorySource) broken = NULL;
  g_autoptr(GError) error = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  gint64 good_id = add_source (fixture, "/good.json");
  gint64 broken_id = add_source (fixture, "/broken.json");
  gint64 missing_id = add_source (fixture, "/missing.json");
  gint64 html_id = add_source (fixture, "/page.html");
  gint64 gopher_id = add_source (fixture, "gopher://example.test/feed");

  reports = sync_all (fixture);
  g_assert_cmpuint (reports->len, ==, 5);

  g_assert_no_error (report_for (reports, good_id)->error);
  g_assert_cmpuint (report_for (reports, good_id)->n_new, ==, 2);
  g_assert_cmpstr (report_for (reports, good_id)->source_title, ==, "Loopback News");

  /* Each failure says what went wrong, in words. */
  g_assert_nonnull (strstr (report_for (reports, broken_id)->error->message, "Not valid JSON"));
  g_assert_cmpstr (report_for (reports, missing_id)->error->message, ==,
                   "The server answered 404 Not Found");
  g_assert_nonnull (strstr (report_for (reports, html_id)->error->message, "Not valid JSON"));
  g_assert_nonnull (strstr (report_for (reports, gopher_id)->error->message,
                            "not a web address"));

  /* The error is recorded on the source for the UI. */
  broken = story_store_get_source (fixture->store, broken_id, &error);
  g_assert_nonnull (strstr (story_source_get_last_error (broken), "Not valid JSON"));

  articles = story_store_list_articles (fixture->store, &query, &error);
  g_assert_cmpuint (articles->len, ==, 2);
}

static void
test_stored_body_is_sanitized (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  const char *html;

  add_source (fixture, "/good.json");
  reports = sync_all (fixture);

  articles = story_store_list_articles (fixture->store, &query, &error);
  article = story_store_get_article (fixture->store,
                                     story_article_get_id (g_ptr_array_index (articles, 0)),
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (story_article_get_title (article), ==, "Port strike ends");
  g_assert_cmpstr (story_article_get_theme_label (article), ==, "Port strike");

  html = story_article_get_content_html (article);
  g_assert_nonnull (strstr (html, "Deal reached."));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "onerror"));
  g_assert_null (strstr (html, "pwned"));
  /* The image points at the app's scheme, never at the network. */
  g_assert_nonnull (strstr (html, "src=\"storyline://image/"));
  g_assert_cmpstr (story_article_get_content_text (article), ==, "Deal reached.");
  g_assert_cmpstr (story_article_get_summary (article), ==, "Deal reached.");
}

static void
test_second_sync_unchanged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 id = add_source (fixture, "/good.json");

  first = sync_all (fixture);
  second = sync_all (fixture);

  /* The same bytes again are not even parsed: no article is looked at. */
  g_assert_true (report_for (second, id)->not_modified);
  g_assert_cmpuint (report_for (second, id)->n_new, ==, 0);
  g_assert_cmpuint (report_for (second, id)->n_updated, ==, 0);
  g_assert_cmpuint (report_for (second, id)->n_unchanged, ==, 0);
}

/* A store that does not keep its clusterer (the app's) has let go of it once a sync is
 * over, leaving the articles it saved. */
static void
test_clusterer_released_after_sync (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  gint64 id = add_source (fixture, "/good.json");

  story_store_set_keep_clusterer (fixture->store, FALSE);
  first = sync_all (fixture);
  g_assert_no_error (report_for (first, id)->error);
  g_assert_cmpuint (report_for (first, id)->n_new, >, 0);
  g_assert_false (story_store_has_clusterer (fixture->store));
}

static void
test_bundled_sample (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, SAMPLE_URI);
  StorySyncReport *report;
  guint n_themed = 0;

  reports = sync_all (fixture);
  report = report_for (reports, id);
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->n_new, >=, 20);
  g_assert_cmpuint (report->n_new, <=, 30);
  g_assert_cmpuint (fixture->n_requests, ==, 0);

  themes = story_store_list_themes (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);

      if (story_theme_get_id (theme) != STORY_THEME_ID_NONE)
        n_themed++;
      g_assert_cmpuint (g_list_model_get_n_items (story_theme_get_articles (theme)), >=, 2);
    }
  g_assert_cmpuint (n_themed, >=, 4);
  g_assert_cmpuint (n_themed, <=, 6);

  /* Each story is named as the sample's own tags name it. */
  {
    const char *labels[] = { "Marren ceasefire talks", "Brennholm night trains",
                             "Solvary tariff dispute", "Amberlow Basin heatwave",
                             "Orla Trench expedition" };
    guint n_named = 0;

    for (guint i = 0; i < themes->len; i++)
      for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
        if (g_strcmp0 (story_theme_get_label (g_ptr_array_index (themes, i)), labels[j]) == 0)
          n_named++;
    g_assert_cmpuint (n_named, ==, G_N_ELEMENTS (labels));
  }

  /* Every image the sample shows ships inside the app. */
  {
    StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
    g_autoptr(GPtrArray) articles = story_store_list_articles (fixture->store, &query, &error);
    g_autoptr(GRegex) regex = g_regex_new ("src=\"(storyline://image/[^\"]+)\"", 0, 0, NULL);
    guint n_images = 0;

    for (guint i = 0; i < articles->len; i++)
      {
        gint64 article_id = story_article_get_id (g_ptr_array_index (articles, i));
        g_autoptr(StoryArticle) article = story_store_get_article (fixture->store, article_id,
                                                                   &error);
        g_autoptr(GMatchInfo) match = NULL;

        g_regex_match (regex, story_article_get_content_html (article), 0, &match);
        while (g_match_info_matches (match))
          {
            g_autofree char *uri = g_match_info_fetch (match, 1);
            g_autofree char *url = story_image_url_from_uri (uri);
            g_autoptr(GFile) file = g_file_new_for_uri (url);
            g_autoptr(GFileInfo) info = NULL;

            g_assert_true (g_str_has_prefix (url, "resource:///io/github/storyline/Storyline/sample/images/"));
            info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
            g_assert_no_error (error);
            n_images++;
            g_match_info_next (match, NULL);
          }
      }
    g_assert_cmpuint (n_images, >=, 5);
  }
}

static void
test_cancelled_sync_keeps_store (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  gint64 id = add_source (fixture, "/good.json");

  g_cancellable_cancel (cancellable);
  reports = story_sync_manager_sync (fixture->manager, &id, 1, cancellable);
  g_assert_error (report_for (reports, id)->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  articles = story_store_list_articles (fixture->store, &query, &error);
  g_assert_cmpuint (articles->len, ==, 0);

  /* A cancel is not the source's fault: no error is recorded on it. */
  source = story_store_get_source (fixture->store, id, &error);
  g_assert_null (story_source_get_last_error (source));
}

static GPtrArray *
all_articles (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  GPtrArray *articles = story_store_list_articles (fixture->store, &query, &error);

  g_assert_no_error (error);
  return articles;
}

static StoryArticle *
find_article (GPtrArray  *articles,
              const char *remote_id)
{
  for (guint i = 0; i < articles->len; i++)
    if (g_strcmp0 (story_article_get_remote_id (g_ptr_array_index (articles, i)), remote_id) == 0)
      return g_ptr_array_index (articles, i);

  return NULL;
}

static void
check_not_modified_round_trip (Fixture    *fixture,
                               const char *path)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, path);
  StorySyncReport *report;

  first = sync_all (fixture);
  g_assert_cmpuint (report_for (first, id)->n_new, ==, 2);
  articles = all_articles (fixture);
  story_store_set_read (fixture->store, story_article_get_id (find_article (articles, "1")), TRUE,
                        &error);
  g_assert_no_error (error);

  second = sync_all (fixture);
  report = report_for (second, id);
  g_assert_no_error (report->error);
  g_assert_true (report->not_modified);
  g_assert_cmpuint (fixture->n_not_modified, ==, 1);
  g_assert_cmpuint (report->n_new + report->n_updated + report->n_unchanged, ==, 0);

  /* What the reader did is still there, and the source counts as synced. */
  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = all_articles (fixture);
  g_assert_cmpuint (articles->len, ==, 2);
  g_assert_true (story_article_get_read (find_article (articles, "1")));
  source = story_store_get_source (fixture->store, id, &error);
  g_assert_cmpint (story_source_get_last_sync (source), >, 0);
  g_assert_null (story_source_get_last_error (source));
}

static void
test_etag_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  check_not_modified_round_trip (fixture, "/etag.json");
}

static void
test_last_modified_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  check_not_modified_round_trip (fixture, "/last-modified.json");
}

static void
test_edited_article_updates_in_place (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, "/good.json");
  gint64 article_id;

  first = sync_all (fixture);
  articles = all_articles (fixture);
  article_id = story_article_get_id (find_article (articles, "1"));
  story_store_set_read (fixture->store, article_id, TRUE, &error);

  fixture->edited = TRUE;
  second = sync_all (fixture);
  g_assert_false (report_for (second, id)->not_modified);
  g_assert_cmpuint (report_for (second, id)->n_new, ==, 0);
  g_assert_cmpuint (report_for (second, id)->n_updated, ==, 1);
  g_assert_cmpuint (report_for (second, id)->n_unchanged, ==, 1);

  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = all_articles (fixture);
  g_assert_cmpint (story_article_get_id (find_article (articles, "1")), ==, article_id);
  g_assert_cmpstr (story_article_get_title (find_article (articles, "1")), ==,
                   "Port strike ends after talks");
  g_assert_true (story_article_get_read (find_article (articles, "1")));
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id = add_source (fixture, "/paged/1");

  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpuint (report_for (reports, id)->n_new, ==, 3);
  g_assert_cmpuint (fixture->n_requests, ==, 3);

  articles = all_articles (fixture);
  g_assert_nonnull (find_article (articles, "p1"));
  g_assert_nonnull (find_article (articles, "p3"));
}

/* Big pages are stored while the next ones are fetched: every article of
 * every page arrives, sanitized, once. */
static void
test_paging_big (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, "/big/1");

  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpuint (report_for (reports, id)->n_new, ==, 900);
  g_assert_cmpuint (fixture->n_requests, ==, 3);

  articles = all_articles (fixture);
  g_assert_cmpuint (articles->len, ==, 900);
  for (guint page = 1; page <= 3; page++)
    for (guint i = 0; i < 300; i += 149)
      {
        g_autofree char *remote_id = g_strdup_printf ("b%u-%u", page, i);
        StoryArticle *found = find_article (articles, remote_id);
        g_autoptr(StoryArticle) full = NULL;

        g_assert_nonnull (found);
        full = story_store_get_article (fixture->store, story_article_get_id (found), &error);
        g_assert_no_error (error);
        g_assert_nonnull (strstr (story_article_get_content_html (full), "<em>report</em>"));
        g_assert_null (strstr (story_article_get_content_html (full), "script"));
      }

  /* Again: nothing new, nothing rewritten. */
  g_clear_pointer (&reports, g_ptr_array_unref);
  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpuint (report_for (reports, id)->n_new, ==, 0);
  g_assert_cmpuint (report_for (reports, id)->n_updated, ==, 0);
}

/* The third page is broken after two were being stored: the source fails,
 * saying why, and none of its articles are kept. */
static void
test_paging_bad_last_page (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 good = add_source (fixture, "/big/1");
  gint64 bad = add_source (fixture, "/bigbad/1");

  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, good)->error);
  g_assert_nonnull (report_for (reports, bad)->error);
  g_assert_cmpuint (report_for (reports, bad)->n_new, ==, 0);

  articles = all_articles (fixture);
  g_assert_cmpuint (articles->len, ==, 900);
  for (guint i = 0; i < articles->len; i++)
    g_assert_cmpint (story_article_get_source_id (g_ptr_array_index (articles, i)), ==, good);

  source = story_store_get_source (fixture->store, bad, &error);
  g_assert_no_error (error);
  g_assert_error (report_for (reports, bad)->error, STORY_FEED_ERROR,
                  STORY_FEED_ERROR_INVALID_JSON);
  g_assert_cmpstr (story_source_get_last_error (source), ==, report_for (reports, bad)->error->message);
}

static void
test_paging_loop (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  gint64 id = add_source (fixture, "/loop/1");

  /* Page 2 points back at page 1: the loop is noticed, what was read is kept. */
  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpuint (report_for (reports, id)->n_new, ==, 2);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
}

static void
test_paging_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  gint64 id = add_source (fixture, "/endless/1");

  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpuint (report_for (reports, id)->n_new, ==, 10);
  g_assert_cmpuint (fixture->n_requests, ==, 10);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) forced = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(StorySourceSyncState) state = { 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = add_source (fixture, "/503");

  first = sync_all (fixture);
  g_assert_cmpstr (report_for (first, id)->error->message, ==,
                   "The server answered 503 Service Unavailable");
  story_store_get_sync_state (fixture->store, id, &state, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state.n_failures, ==, 1);
  g_assert_cmpint (state.next_attempt, >=, now + 3600);
  g_assert_cmpint (state.next_attempt, <=, now + 3600 + 10);

  /* A scheduled sync leaves the server alone until then… */
  second = sync_all (fixture);
  g_assert_true (report_for (second, id)->skipped);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  /* …while asking for this source by name does ask… */
  forced = sync_some (fixture, &id, 1, NULL);
  g_assert_false (report_for (forced, id)->skipped);
  g_assert_cmpuint (fixture->n_requests, ==, 2);

  /* …and so does the retry when the network comes back. */
  {
    g_autoptr(GPtrArray) retried = NULL;

    story_sync_manager_retry_async (fixture->manager, NULL, synced_cb, &retried);
    while (retried == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (report_for (retried, id)->skipped);
    g_assert_cmpuint (fixture->n_requests, ==, 3);
  }
}

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, "/500");

  for (int n = 1; n <= 3; n++)
    {
      g_autoptr(GPtrArray) reports = sync_some (fixture, &id, 1, NULL);
      g_auto(StorySourceSyncState) state = { 0 };
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      gint64 delay = (gint64)120 << (n - 1);

      g_assert_cmpstr (report_for (reports, id)->error->message, ==,
                       "The server answered 500 Internal Server Error");
      story_store_get_sync_state (fixture->store, id, &state, &error);
      g_assert_cmpint (state.n_failures, ==, n);
      g_assert_cmpint (state.next_attempt, >=, now + delay - 2);
      g_assert_cmpint (state.next_attempt, <=, now + delay + delay / 4 + 2);
    }
}

static void
test_permanent_redirect (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_url = g_strconcat (fixture->base, "good.json", NULL);
  gint64 id = add_source (fixture, "/moved");

  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpuint (report_for (reports, id)->n_new, ==, 2);
  g_assert_cmpstr (report_for (reports, id)->moved_to, ==, new_url);

  source = story_store_get_source (fixture->store, id, &error);
  g_assert_cmpstr (story_source_get_url (source), ==, new_url);
}

static void
test_latin1 (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 id = add_source (fixture, "/latin1.json");

  reports = sync_all (fixture);
  g_assert_no_error (report_for (reports, id)->error);
  g_assert_cmpstr (report_for (reports, id)->source_title, ==, "Café News");
  articles = all_articles (fixture);
  g_assert_cmpstr (story_article_get_title (find_article (articles, "1")), ==, "Crème brûlée");
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_source (fixture, "/silent");

  reports = sync_all (fixture);
  g_assert_cmpstr (report_for (reports, id)->error->message, ==, "No answer after 1 second");
  source = story_store_get_source (fixture->store, id, &error);
  g_assert_cmpstr (story_source_get_last_error (source), ==, "No answer after 1 second");
}

static void
test_cancel_mid_paging (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(StorySourceSyncState) state = { 0 };
  gint64 id = add_source (fixture, "/cancel/1");

  /* Page 1 arrives; the cancel comes while page 2 is awaited. */
  reports = sync_some (fixture, &id, 1, fixture->cancellable);
  g_assert_error (report_for (reports, id)->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_requests, ==, 2);

  articles = all_articles (fixture);
  g_assert_cmpuint (articles->len, ==, 0);
  source = story_store_get_source (fixture->store, id, &error);
  g_assert_null (story_source_get_last_error (source));
  story_store_get_sync_state (fixture->store, id, &state, &error);
  g_assert_cmpint (state.n_failures, ==, 0);
  g_assert_null (state.body_hash);
}

static void
set_last_sync (Fixture *fixture,
               gint64   id,
               gint64   when)
{
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = story_store_get_source (fixture->store, id, &error);
  story_source_set_last_sync (source, when);
  story_store_update_source (fixture->store, source, &error);
  g_assert_no_error (error);
}

static void
test_per_source_interval (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 usual = add_source (fixture, "/good.json");
  gint64 eager = add_source (fixture, "/good.json?eager=1");
  gint64 fresh;

  story_sync_manager_set_default_interval (fixture->manager, 30);
  story_store_set_sync_interval (fixture->store, eager, 5, &error);
  g_assert_no_error (error);
  first = sync_all (fixture);
  fresh = add_source (fixture, "/good.json?fresh=1");

  /* Ten minutes later: only the source asking for every five minutes, and the
   * one never synced, are due; the other waits for its thirty. */
  set_last_sync (fixture, usual, now - 10 * 60);
  set_last_sync (fixture, eager, now - 10 * 60);
  fixture->n_requests = 0;

  story_sync_manager_sync_due_async (fixture->manager, NULL, synced_cb, &due);
  while (due == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (report_for (due, usual)->not_due);
  g_assert_false (report_for (due, eager)->not_due);
  g_assert_false (report_for (due, fresh)->not_due);
  g_assert_cmpuint (report_for (due, fresh)->n_new, ==, 2);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
}

static void
test_one_failing_among_three_good (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  gint64 good[] = {
    add_source (fixture, "/good.json"),
    add_source (fixture, "/good.json?copy=2"),
    add_source (fixture, "/good.json?copy=3"),
  };
  gint64 bad = add_source (fixture, "/500");

  reports = sync_all (fixture);
  g_assert_cmpuint (reports->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_no_error (report_for (reports, good[i])->error);
      g_assert_cmpuint (report_for (reports, good[i])->n_new, ==, 2);
    }
  g_assert_cmpstr (report_for (reports, bad)->error->message, ==,
                   "The server answered 500 Internal Server Error");

  articles = all_articles (fixture);
  g_assert_cmpuint (articles->len, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/errors/one-bad-source-among-good", test_one_bad_source_among_good);
  ADD ("/sync/sanitize/stored-body-is-clean", test_stored_body_is_sanitized);
  ADD ("/sync/unchanged/no-rewrites", test_second_sync_unchanged);
  ADD ("/sync/clusterer-released", test_clusterer_released_after_sync);
  ADD ("/sync/sample/bundled-offline", test_bundled_sample);
  ADD ("/sync/cancel/store-unchanged", test_cancelled_sync_keeps_store);
  ADD ("/sync/cancel/mid-paging", test_cancel_mid_paging);
  ADD ("/sync/conditional/etag", test_etag_round_trip);
  ADD ("/sync/conditional/last-modified", test_last_modified_round_trip);
  ADD ("/sync/unchanged/edited-article-in-place", test_edited_article_updates_in_place);
  ADD ("/sync/paging/three-pages", test_paging);
  ADD ("/sync/paging/big-pages", test_paging_big);
  ADD ("/sync/paging/bad-last-page", test_paging_bad_last_page);
  ADD ("/sync/paging/loop", test_paging_loop);
  ADD ("/sync/paging/limit", test_paging_limit);
  ADD ("/sync/errors/retry-after", test_retry_after);
  ADD ("/sync/errors/backoff", test_backoff);
  ADD ("/sync/schedule/per-source-interval", test_per_source_interval);
  ADD ("/sync/errors/timeout", test_timeout);
  ADD ("/sync/errors/one-failing-among-three-good", test_one_failing_among_three_good);
  ADD ("/sync/redirect/permanent-updates-url", test_permanent_redirect);
  ADD ("/sync/charset/latin1", test_latin1);

  return g_test_run ();
}
