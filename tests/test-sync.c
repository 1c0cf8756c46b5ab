/* test-sync.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sync engine against real HTTP on loopback and the bundled sample. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

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

typedef struct
{
  char             *dir;
  StoryStore       *store;
  StorySyncManager *manager;
  SoupServer       *server;
  char             *base;
  guint             n_requests;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->n_requests++;

  if (g_str_equal (path, "/good.json"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                        good_feed, strlen (good_feed));
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
  g_clear_object (&fixture->server);
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
sync_all (Fixture *fixture)
{
  GPtrArray *reports = NULL;

  story_sync_manager_sync_async (fixture->manager, NULL, 0, NULL, synced_cb, &reports);
  g_assert_true (story_sync_manager_get_syncing (fixture->manager));
  while (reports == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* "syncing" drops once the task has completed. */
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

  g_assert_cmpuint (report_for (second, id)->n_new, ==, 0);
  g_assert_cmpuint (report_for (second, id)->n_updated, ==, 0);
  g_assert_cmpuint (report_for (second, id)->n_unchanged, ==, 2);
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
  ADD ("/sync/sample/bundled-offline", test_bundled_sample);
  ADD ("/sync/cancel/store-unchanged", test_cancelled_sync_keeps_store);

  return g_test_run ();
}
