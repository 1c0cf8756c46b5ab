/* test-window.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The real window, under Xvfb with a session bus: themed headlines from the
 * bundled sample, an article in the WebView, "More on this theme" in place. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "story-article-page.h"
#include "story-image-cache.h"
#include "story-test-ui.h"
#include "story-window.h"

#define SAMPLE_URI "resource:///io/github/storyline/Storyline/sample/feed.json"

static char *tmp_home;

typedef struct
{
  StoryStore       *store;
  StorySyncManager *manager;
  GSettings        *settings;
  StoryWindow      *window;
} Fixture;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *)user_data);
  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(condition) \
  G_STMT_START { \
    guint timeout_id = g_timeout_add_seconds (30, timeout_cb, (gpointer)#condition); \
    while (!(condition)) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (timeout_id); \
  } G_STMT_END

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *path = g_build_filename (tmp_home, "window.db", NULL);
  gint64 id;

  g_remove (path);
  fixture->store = story_store_new (path, &error);
  g_assert_no_error (error);
  source = story_store_add_source (fixture->store, "json-feed", SAMPLE_URI, NULL, &error);
  g_assert_no_error (error);
  id = story_source_get_id (source);

  fixture->manager = story_sync_manager_new (fixture->store);
  reports = story_sync_manager_sync (fixture->manager, &id, 1, NULL);
  g_assert_no_error (((StorySyncReport *)g_ptr_array_index (reports, 0))->error);

  fixture->settings = g_settings_new (APP_ID);
  fixture->window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));

  WAIT_UNTIL (g_list_model_get_n_items (story_window_get_themes (fixture->window)) > 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
}

typedef struct
{
  char     *value;
  gboolean  done;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
  js->value = jsc_value_to_string (value);
  js->done = TRUE;
}

static char *
run_js (WebKitWebView *web_view,
        const char    *script)
{
  JsResult js = { NULL, FALSE };

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, js_done_cb, &js);
  WAIT_UNTIL (js.done);

  return js.value;
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **reports = user_data;

  *reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, NULL);
}

static gboolean
web_view_idle (WebKitWebView *web_view)
{
  return !webkit_web_view_is_loading (web_view) &&
         g_strcmp0 (webkit_web_view_get_uri (web_view), "about:blank") != 0 &&
         webkit_web_view_get_uri (web_view) != NULL;
}

/* The reading pane has loaded the page of the article it holds, not an
 * earlier one still on screen. */
static gboolean
pane_showing_its_article (StoryReaderView *reader)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (reader);
  StoryArticle *article = story_reader_view_get_article (reader);
  g_autofree char *uri = NULL;

  if (article == NULL || !web_view_idle (web_view))
    return FALSE;
  uri = story_article_uri_for_id (story_article_get_id (article));
  return g_strcmp0 (webkit_web_view_get_uri (web_view), uri) == 0;
}

static StoryArticle *
first_article_of_theme (GListModel *themes,
                        guint       index)
{
  g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, index);

  return g_list_model_get_item (story_theme_get_articles (theme), 0);
}

static void
test_themed_headlines (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *themes = story_window_get_themes (fixture->window);
  guint n = g_list_model_get_n_items (themes);
  guint total = 0;

  /* The sample's stories, each with several headlines. */
  g_assert_cmpuint (n, >=, 4);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);

      g_assert_nonnull (story_theme_get_label (theme));
      g_assert_cmpuint (g_list_model_get_n_items (story_theme_get_articles (theme)), >=, 2);
      total += g_list_model_get_n_items (story_theme_get_articles (theme));
    }
  g_assert_cmpuint (total, >=, 20);
}

static gboolean
stored_read (StoryStore *store,
             gint64      article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryArticle) stored = story_store_get_article (store, article_id, &error);

  g_assert_no_error (error);
  return story_article_get_read (stored);
}

static void
test_select_shows_article (Fixture       *fixture,
                           gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  WebKitWebView *web_view = story_reader_view_get_web_view (reader);
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);
  g_autofree char *title = NULL;
  g_autofree char *images = NULL;

  g_assert_true (story_window_select_article (fixture->window, story_article_get_id (article)));
  WAIT_UNTIL (pane_showing_its_article (reader));

  title = run_js (web_view, "document.querySelector('h1').textContent");
  g_assert_cmpstr (title, ==, story_article_get_title (article));

  /* Opening an article marks it read, in the list and in the store. */
  g_assert_true (story_article_get_read (article));
  WAIT_UNTIL (stored_read (fixture->store, story_article_get_id (article)));

  /* The sample's images load from the app, with no network: every image has decoded. */
  images = run_js (web_view,
                   "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0) "
                   "+ ':' + Array.from(document.images).map(i => i.src).join(' ')");
  g_test_message ("images: %s", images);
  g_assert_true (g_str_has_prefix (images, "true:"));
}

static void
test_more_on_this_theme (Fixture       *fixture,
                         gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  WebKitWebView *web_view = story_reader_view_get_web_view (reader);
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);
  g_autofree char *target = NULL;
  g_autofree char *title = NULL;
  g_autofree char *page_uri = NULL;
  g_autoptr(StoryArticle) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 target_id;

  story_window_select_article (fixture->window, story_article_get_id (article));
  WAIT_UNTIL (pane_showing_its_article (reader));

  target = run_js (web_view, "document.querySelector('aside.more a').dataset.articleId");
  target_id = g_ascii_strtoll (target, NULL, 10);
  g_assert_cmpint (target_id, >, 0);
  g_assert_cmpint (target_id, !=, story_article_get_id (article));

  /* A click on the entry opens that article in place. */
  g_free (run_js (web_view, "document.querySelector('aside.more a').click(); 'clicked'"));
  WAIT_UNTIL (story_article_get_id (story_reader_view_get_article (reader)) == target_id &&
              pane_showing_its_article (reader));

  other = story_store_get_article (fixture->store, target_id, &error);
  g_assert_no_error (error);
  title = run_js (web_view, "document.querySelector('h1').textContent");
  g_assert_cmpstr (title, ==, story_article_get_title (other));

  page_uri = g_strdup_printf ("storyline://article/%" G_GINT64_FORMAT, target_id);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, page_uri);
}

static gboolean
record_external_cb (StoryReaderView *reader,
                    const char      *uri,
                    char           **out)
{
  g_free (*out);
  *out = g_strdup (uri);
  return TRUE;
}

/* The reading pane loads an article, and again once the words that put it in its
 * theme arrive: idle in between, so a test waits for the element it needs too. */
static gboolean
page_has (WebKitWebView *web_view,
          const char    *selector)
{
  g_autofree char *script = g_strdup_printf ("document.querySelector('%s') !== null", selector);
  g_autofree char *found = run_js (web_view, script);

  return g_strcmp0 (found, "true") == 0;
}

static void
test_links_never_navigate (Fixture       *fixture,
                           gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  WebKitWebView *web_view = story_reader_view_get_web_view (reader);
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);
  g_autofree char *before = NULL;
  g_autofree char *href = NULL;
  char *opened = NULL;

  g_signal_connect (reader, "open-external", G_CALLBACK (record_external_cb), &opened);

  story_window_select_article (fixture->window, story_article_get_id (article));
  WAIT_UNTIL (story_reader_view_get_article (reader) != NULL && web_view_idle (web_view) &&
              page_has (web_view, ".original a"));
  before = g_strdup (webkit_web_view_get_uri (web_view));

  href = run_js (web_view, "document.querySelector('.content a[href^=\"https:\"], .original a').href");
  g_free (run_js (web_view, "document.querySelector('.content a[href^=\"https:\"], .original a').click(); 1"));
  WAIT_UNTIL (opened != NULL);

  /* The link went to the desktop browser; the pane stayed where it was. */
  g_assert_cmpstr (opened, ==, href);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, before);
  g_free (opened);
}

static const guchar png_2x2[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
  0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
  0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x8b, 0x5f, 0x14, 0xd4, 0x00, 0x00, 0x00,
  0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static void
offline_server_cb (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  guint *n_requests = user_data;
  const char *feed =
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Loopback Daily\",\"items\":["
    "{\"id\":\"1\",\"title\":\"Pictures from the quay\",\"tags\":[\"Quay\"],"
    "\"content_html\":\"<p>Seen from the water.</p><img src='/quay.png' width='200' height='200'>\"}]}";

  (*n_requests)++;

  if (g_str_equal (path, "/feed.json"))
    soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC, feed,
                                      strlen (feed));
  else if (g_str_equal (path, "/quay.png"))
    soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC,
                                      (const char *)png_2x2, sizeof png_2x2);
  else
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
}

static void
test_offline_cached_image (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(StorySyncManager) manager = NULL;
  g_autoptr(StoryImageCache) cache = NULL;
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *db = g_build_filename (tmp_home, "offline.db", NULL);
  g_autofree char *image_dir = story_image_cache_dup_default_dir ();
  g_autofree char *base = NULL;
  g_autofree char *feed_url = NULL;
  g_autofree char *images = NULL;
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  StoryReaderView *reader;
  WebKitWebView *web_view;
  StoryWindow *window;
  guint n_requests = 0;
  guint n_after_sync;
  gint64 id;
  GSList *uris;

  soup_server_add_handler (server, NULL, offline_server_cb, &n_requests, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  store = story_store_new (db, &error);
  g_assert_no_error (error);
  feed_url = g_strconcat (base, "feed.json", NULL);
  source = story_store_add_source (store, "json-feed", feed_url, NULL, &error);
  id = story_source_get_id (source);
  manager = story_sync_manager_new (store);
  cache = story_image_cache_new (image_dir);
  story_sync_manager_set_image_cache (manager, cache);

  /* Online once: the article and its image are cached. */
  {
    GPtrArray *async_reports = NULL;

    story_sync_manager_sync_async (manager, &id, 1, NULL, sync_done_cb, &async_reports);
    WAIT_UNTIL (async_reports != NULL);
    reports = async_reports;
  }
  g_assert_no_error (((StorySyncReport *)g_ptr_array_index (reports, 0))->error);
  n_after_sync = n_requests;
  g_assert_cmpuint (n_after_sync, ==, 2);

  /* Then the network goes away. */
  soup_server_disconnect (server);

  window = story_window_new (NULL, store, manager, settings);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (g_list_model_get_n_items (story_window_get_themes (window)) > 0);

  articles = story_store_list_articles (store, &query, &error);
  reader = story_window_get_reader (window);
  web_view = story_reader_view_get_web_view (reader);
  g_assert_true (story_window_select_article (window,
                                              story_article_get_id (g_ptr_array_index (articles, 0))));
  WAIT_UNTIL (pane_showing_its_article (reader));

  /* The image loads lazily, from the app's scheme: give it a moment. */
  for (guint i = 0; i < 50; i++)
    {
      g_free (images);
      images = run_js (web_view, "Array.from(document.images).map(i => i.complete + ':' + i.naturalWidth).join(',')");
      if (g_str_equal (images, "true:2"))
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_assert_cmpstr (images, ==, "true:2");
  g_assert_cmpuint (n_requests, ==, n_after_sync);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* While the application opens (and maybe migrates) the store off the main thread, the
 * window is up and says so; given the store, it loads the headlines, and opens an
 * article asked for meanwhile (a notification's). */
static void
test_preparing_until_store (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(StoryWindow) window = NULL;
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);
  StoryReaderView *reader;
  gint64 start;

  window = g_object_ref_sink (story_window_new (NULL, NULL, NULL, fixture->settings));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (story_window_get_visible_page (window), ==, "loading");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "mark-all-read"));

  /* Nothing to load yet, and nothing breaks: a refresh, a search, a filter, an article to
   * open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  g_assert_false (story_sync_manager_get_syncing (fixture->manager));
  story_window_search (window, "night");
  story_window_search (window, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "s", "unread"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "s", "all"));
  story_window_show_article (window, story_article_get_id (article));

  /* A moment later it says why the list is not there yet. */
  start = g_get_monotonic_time ();
  WAIT_UNTIL (g_strcmp0 (story_window_get_visible_page (window), "preparing") == 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (story_window_get_n_loads (window), ==, 0);

  story_window_set_store (window, fixture->store, fixture->manager, NULL);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "mark-all-read"));
  WAIT_UNTIL (g_strcmp0 (story_window_get_visible_page (window), "list") == 0);
  g_assert_cmpuint (g_list_model_get_n_items (story_window_get_themes (window)), ==,
                    g_list_model_get_n_items (story_window_get_themes (fixture->window)));

  reader = story_window_get_reader (window);
  WAIT_UNTIL (story_reader_view_get_article (reader) != NULL);
  g_assert_cmpint (story_article_get_id (story_reader_view_get_article (reader)), ==,
                   story_article_get_id (article));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
themes_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GPtrArray **themes = user_data;
  g_autoptr(GError) error = NULL;

  *themes = story_store_list_themes_finish (STORY_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* The application reads the first headlines together with opening the store: given them,
 * the window shows them at once, without waiting for a load of its own. */
static void
test_store_with_first_themes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(StoryWindow) window = NULL;
  g_autoptr(GPtrArray) themes = NULL;

  story_store_list_themes_async (fixture->store, STORY_ARTICLE_FILTER_ALL, NULL, themes_listed_cb,
                                 &themes);
  WAIT_UNTIL (themes != NULL);

  window = g_object_ref_sink (story_window_new (NULL, NULL, NULL, fixture->settings));
  gtk_window_present (GTK_WINDOW (window));
  story_window_set_store (window, fixture->store, fixture->manager, themes);
  g_assert_cmpuint (story_window_get_n_loads (window), ==, 1);
  g_assert_cmpstr (story_window_get_visible_page (window), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (story_window_get_themes (window)), ==, themes->len);
  g_assert_true (g_list_model_get_item (story_window_get_themes (window), 0) ==
                 g_ptr_array_index (themes, 0));
  g_object_unref (g_ptr_array_index (themes, 0));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_text_size_persists (Fixture       *fixture,
                         gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);

  story_window_select_article (fixture->window, story_article_get_id (article));
  WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
              web_view_idle (story_reader_view_get_web_view (reader)));

  /* Ctrl+plus twice: larger text, kept in the settings. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (story_reader_view_get_web_view (reader)),
                                  1.25, 0.001);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "article-font-size"),
                                  1.25, 0.001);

  /* A new window, as after a restart, reads at the same size. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
  reader = story_window_get_reader (fixture->window);
  g_assert_cmpfloat_with_epsilon (story_reader_view_get_zoom_level (reader), 1.25, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (story_reader_view_get_web_view (reader)),
                                  1.25, 0.001);

  /* Ctrl+minus, then Ctrl+0. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "article-font-size"),
                                  1.1, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "article-font-size"),
                                  1.0, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (story_reader_view_get_web_view (reader)),
                                  1.0, 0.001);
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_copy_link (Fixture       *fixture,
                gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);
  g_autofree char *text = NULL;

  story_window_select_article (fixture->window, story_article_get_id (article));
  WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
              web_view_idle (story_reader_view_get_web_view (reader)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-link", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 clipboard_text_cb, &text);
  WAIT_UNTIL (text != NULL);
  /* The article as opened: a sidebar headline carries no link. */
  g_assert_nonnull (story_article_get_url (story_reader_view_get_article (reader)));
  g_assert_cmpstr (text, ==, story_article_get_url (story_reader_view_get_article (reader)));
}

static void
test_ctrl_click_opens_outside (Fixture       *fixture,
                               gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  g_autoptr(StoryArticle) article = first_article_of_theme (story_window_get_themes (fixture->window), 0);
  WebKitWebView *web_view;
  g_autofree char *before = NULL;
  g_autofree char *href = NULL;
  char *opened = NULL;

  g_signal_connect (reader, "open-external", G_CALLBACK (record_external_cb), &opened);
  story_window_select_article (fixture->window, story_article_get_id (article));
  WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
              web_view_idle (story_reader_view_get_web_view (reader)) &&
              page_has (story_reader_view_get_web_view (reader), ".original a"));
  web_view = story_reader_view_get_web_view (reader);
  before = g_strdup (webkit_web_view_get_uri (web_view));

  /* A Ctrl+click asks for a new window: it goes to the browser too. */
  href = run_js (web_view, "document.querySelector('.original a').href");
  g_free (run_js (web_view,
                  "document.querySelector('.original a').dispatchEvent (new MouseEvent ('click', "
                  "{ bubbles: true, cancelable: true, ctrlKey: true })); 1"));
  WAIT_UNTIL (opened != NULL);
  g_assert_cmpstr (opened, ==, href);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, before);
  g_free (opened);
}

static gboolean
stored_load_remote (StoryStore *store,
                    gint64      source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = story_store_get_source (store, source_id, &error);

  g_assert_no_error (error);
  return story_source_get_load_remote (source);
}

static void
test_load_remote_per_source (Fixture       *fixture,
                             gconstpointer  data)
{
  StoryReaderView *reader = story_window_get_reader (fixture->window);
  GListModel *themes = story_window_get_themes (fixture->window);
  g_autoptr(StoryArticle) article = first_article_of_theme (themes, 0);
  g_autoptr(StoryArticle) other = first_article_of_theme (themes, 1);
  gint64 source_id = story_article_get_source_id (article);

  story_window_select_article (fixture->window, story_article_get_id (article));
  WAIT_UNTIL (story_reader_view_get_article (reader) != NULL &&
              web_view_idle (story_reader_view_get_web_view (reader)));
  g_assert_false (story_reader_view_get_load_remote (reader));

  /* Allowed from the reader's menu: saved for the source, used at once and for its other articles. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.load-remote-content", NULL));
  g_assert_true (story_reader_view_get_load_remote (reader));
  WAIT_UNTIL (stored_load_remote (fixture->store, source_id));

  story_window_select_article (fixture->window, story_article_get_id (other));
  WAIT_UNTIL (story_article_get_id (story_reader_view_get_article (reader)) ==
              story_article_get_id (other) &&
              web_view_idle (story_reader_view_get_web_view (reader)));
  g_assert_true (story_reader_view_get_load_remote (reader));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.load-remote-content", NULL));
  g_assert_false (story_reader_view_get_load_remote (reader));
  WAIT_UNTIL (!stored_load_remote (fixture->store, source_id));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *env_vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                             "XDG_STATE_HOME", NULL };
  int status;

  tmp_home = g_dir_make_tmp ("storyline-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; env_vars[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (tmp_home, env_vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (env_vars[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_set_prgname ("storyline-tests");
  /* Xvfb has no window manager, so GTK sometimes misses a focus-out it expected. */
  story_test_ignore_focus_warnings ();

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("STORY_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("No display, but STORY_REQUIRE_DISPLAY=1");
      g_test_skip ("No display: UI tests need Xvfb");
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/window/sidebar/themed-headlines", test_themed_headlines);
  ADD ("/window/sidebar/preparing-until-store", test_preparing_until_store);
  ADD ("/window/sidebar/store-with-first-themes", test_store_with_first_themes);
  ADD ("/window/reader/select-shows-article", test_select_shows_article);
  ADD ("/window/reader/more-on-this-theme", test_more_on_this_theme);
  ADD ("/window/reader/links-open-outside", test_links_never_navigate);
  g_test_add_func ("/window/offline/cached-image-no-network", test_offline_cached_image);
  ADD ("/window/reader/ctrl-click-opens-outside", test_ctrl_click_opens_outside);
  ADD ("/window/reader/text-size-persists", test_text_size_persists);
  ADD ("/window/reader/copy-link", test_copy_link);
  ADD ("/window/reader/load-remote-per-source", test_load_remote_per_source);

  status = g_test_run ();

  {
    g_autoptr(GFile) home = g_file_new_for_path (tmp_home);
    remove_tree (home);
  }

  return status;
}
