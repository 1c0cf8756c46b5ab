/* test-discovery.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Adding a source by URL: a feed, a page linking one, a page linking none. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "story-discovery.h"

static const char feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Loopback News\","
  "\"items\":[{\"id\":\"1\",\"title\":\"Hello\",\"content_text\":\"Hi.\"}]}";

static const char blog[] =
  "<!DOCTYPE html><html><head><title>Blog</title>"
  "<link rel=\"stylesheet\" href=\"/style.css\">"
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">"
  "<link rel=\"Alternate\" type=\"application/feed+json\" href=\"../feed.json\" title=\"Main feed\">"
  "<link rel=\"alternate\" type=\"application/json\" href=\"comments.json\">"
  "<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"
  "</head><body><p>Welcome</p></body></html>";

static const char plain[] =
  "<!DOCTYPE html><html><head><title>Nothing</title>"
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\">"
  "</head><body>No feed here.</body></html>";

/* A WordPress site that links no JSON Feed: its API is announced in the page… */
static const char wordpress_page[] =
  "<!DOCTYPE html><html><head><title>Harbour Gazette</title>"
  "<link rel=\"https://api.w.org/\" href=\"/wp-json/\">"
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\">"
  "</head><body>News</body></html>";

static const char wordpress_root[] =
  "{\"name\":\"Harbour &amp; Gazette\",\"description\":\"Port news\","
  "\"namespaces\":[\"oembed/1.0\",\"wp/v2\",\"wp-site-health/v1\"],\"routes\":{}}";

static const char miniflux_login[] =
  "<!DOCTYPE html><html><head><title>Sign in - Miniflux</title></head><body></body></html>";

typedef struct
{
  SoupServer *server;
  char       *base;
  StoryHttp  *http;
} Fixture;

static void
respond (SoupServerMessage *message,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/feed.json"))
    respond (message, "application/feed+json", feed);
  else if (g_str_equal (path, "/blog/"))
    respond (message, "text/html; charset=utf-8", blog);
  else if (g_str_equal (path, "/plain.html"))
    respond (message, "text/html", plain);
  else if (g_str_equal (path, "/mislabelled"))
    respond (message, "text/html", feed);
  else if (g_str_equal (path, "/image.png"))
    respond (message, "image/png", "\x89PNG\r\n");
  else if (g_str_equal (path, "/object.json"))
    respond (message, "application/json", "{\"hello\":\"world\"}");
  else if (g_str_equal (path, "/gazette/"))
    respond (message, "text/html", wordpress_page);
  else if (g_str_equal (path, "/headers-only/"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Link",
                                    "<https://elsewhere.example/x>; rel=\"shortlink\", "
                                    "</wp-json/>; rel=\"https://api.w.org/\"");
      respond (message, "text/html", plain);
    }
  else if (g_str_equal (path, "/wp-json/"))
    respond (message, "application/json", wordpress_root);
  else if (g_str_equal (path, "/cloud/"))
    respond (message, "text/html", miniflux_login);
  else if (g_str_equal (path, "/cloud/index.php/apps/news/api"))
    respond (message, "application/json", "{\"apiLevels\":[\"v1-2\",\"v1-3\"]}");
  else if (g_str_equal (path, "/reader/"))
    respond (message, "text/html", miniflux_login);
  else if (g_str_equal (path, "/reader/v1/me"))
    {
      const char *body = "{\"error_message\":\"Access Unauthorized\"}";

      soup_server_message_set_status (message, 401, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else if (g_str_equal (path, "/moved"))
    {
      soup_server_message_set_status (message, 301, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Location", "/feed.json");
    }
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  fixture->http = story_http_new ();
  story_http_set_timeout (fixture->http, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->http);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  StoryDiscovery *discovery = story_discover_finish (result, &error);

  if (discovery == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, discovery, (GDestroyNotify)story_discovery_free);
}

static StoryDiscovery *
discover_url (Fixture     *fixture,
              const char  *url,
              GError     **error)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  story_discover_async (fixture->http, url, NULL, discovered_cb, task);
  while (!g_task_get_completed (task))
    g_main_context_iteration (NULL, TRUE);

  return g_task_propagate_pointer (task, error);
}

static StoryDiscovery *
discover (Fixture     *fixture,
          const char  *path,
          GError     **error)
{
  g_autofree char *url = g_strconcat (fixture->base, path + 1, NULL);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  story_discover_async (fixture->http, url, NULL, discovered_cb, task);
  while (!g_task_get_completed (task))
    g_main_context_iteration (NULL, TRUE);

  return g_task_propagate_pointer (task, error);
}

static char *
url_for (Fixture    *fixture,
         const char *path)
{
  return g_strconcat (fixture->base, path + 1, NULL);
}

static void
test_feed (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for (fixture, "/feed.json");

  discovery = discover (fixture, "/feed.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (discovery->feed_url, ==, url);
  g_assert_cmpstr (discovery->feed_title, ==, "Loopback News");
  g_assert_cmpstr (discovery->kind, ==, "json-feed");
  g_assert_false (discovery->needs_api_key);
  g_assert_cmpuint (discovery->links->len, ==, 0);
}

static void
test_mislabelled_feed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;

  /* A feed served as text/html is still a feed. */
  discovery = discover (fixture, "/mislabelled", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (discovery->feed_title, ==, "Loopback News");
}

static void
test_moved_feed (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for (fixture, "/feed.json");

  discovery = discover (fixture, "/moved", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (discovery->feed_url, ==, url);
}

static void
test_page_links_feeds (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *main_feed = url_for (fixture, "/feed.json");
  g_autofree char *comments = url_for (fixture, "/blog/comments.json");
  StoryFeedLink *link;

  /* Relative hrefs resolve against the page; RSS and stylesheets are left out,
   * and the same feed linked twice is offered once. */
  discovery = discover (fixture, "/blog/", &error);
  g_assert_no_error (error);
  g_assert_null (discovery->feed_url);
  g_assert_cmpuint (discovery->links->len, ==, 2);
  link = g_ptr_array_index (discovery->links, 0);
  g_assert_cmpstr (link->url, ==, main_feed);
  g_assert_cmpstr (link->title, ==, "Main feed");
  link = g_ptr_array_index (discovery->links, 1);
  g_assert_cmpstr (link->url, ==, comments);
  g_assert_null (link->title);
}

static void
test_page_links_none (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;

  discovery = discover (fixture, "/plain.html", &error);
  g_assert_null (discovery);
  g_assert_error (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_NO_FEED);
  g_assert_cmpstr (error->message, ==, "This web page does not link to a JSON Feed");
}

static void
test_not_a_feed (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StoryDiscovery) image = NULL;
  g_autoptr(StoryDiscovery) object = NULL;
  g_autoptr(StoryDiscovery) missing = NULL;
  g_autoptr(GError) error = NULL;

  image = discover (fixture, "/image.png", &error);
  g_assert_error (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "image/png"));
  g_clear_error (&error);

  object = discover (fixture, "/object.json", &error);
  g_assert_error (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "Not a JSON Feed"));
  g_clear_error (&error);

  missing = discover (fixture, "/missing", &error);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_STATUS);
  g_assert_cmpstr (error->message, ==, "The server answered 404 Not Found");
}

static void
test_wordpress (Fixture       *fixture,
                gconstpointer  data)
{
  const char *pages[] = { "/gazette/", "/headers-only/", "/wp-json/" };
  g_autofree char *posts = url_for (fixture, "/wp-json/wp/v2/posts");

  /* Announced in the page, in a Link header, or the API's root itself. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(StoryDiscovery) discovery = NULL;
      g_autoptr(GError) error = NULL;

      discovery = discover (fixture, pages[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (discovery->kind, ==, "wordpress");
      g_assert_cmpstr (discovery->feed_url, ==, posts);
      g_assert_cmpstr (discovery->feed_title, ==, "Harbour & Gazette");
      g_assert_false (discovery->needs_api_key);
    }
}

static void
test_miniflux (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = url_for (fixture, "/reader/");

  discovery = discover (fixture, "/reader/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (discovery->kind, ==, "miniflux");
  g_assert_cmpstr (discovery->feed_url, ==, server);
  g_assert_true (discovery->needs_api_key);
  g_assert_null (discovery->api_key);
}

static void
test_nextcloud_news (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StoryDiscovery) bare = NULL;
  g_autoptr(StoryDiscovery) with_login = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = url_for (fixture, "/cloud/");
  g_autofree char *login_url = g_strconcat ("http://reader:app-pass@",
                                            server + strlen ("http://"), NULL);

  /* Without a login in the address, it says one is needed. */
  bare = discover (fixture, "/cloud/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare->kind, ==, "nextcloud-news");
  g_assert_cmpstr (bare->feed_url, ==, server);
  g_assert_true (bare->needs_login);

  with_login = discover_url (fixture, login_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with_login->kind, ==, "nextcloud-news");
  g_assert_cmpstr (with_login->feed_url, ==, login_url);
  g_assert_false (with_login->needs_login);
}

/* The news APIs' own addresses need no request, and a key pasted with one
 * is taken out of the address the source keeps. */
static void
test_known_apis (void)
{
  struct {
    const char *pasted;
    const char *kind;
    const char *url;
    const char *key;
  } cases[] = {
    { "https://content.guardianapis.com/search?section=world&api-key=gu-Key-1",
      "guardian", "https://content.guardianapis.com/search?section=world", "gu-Key-1" },
    { "content.guardianapis.com", "guardian", "https://content.guardianapis.com/search", NULL },
    { "https://newsapi.org/v2/top-headlines?apiKey=na%2Fkey&country=de", "newsapi",
      "https://newsapi.org/v2/top-headlines?country=de", "na/key" },
    { "https://newsapi.org/", "newsapi", "https://newsapi.org/v2/top-headlines?language=en", NULL },
    { "https://gnews.io/api/v4/search?q=rail&apikey=", "gnews",
      "https://gnews.io/api/v4/search?q=rail", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StoryHttp) http = story_http_new ();
      g_autoptr(StoryDiscovery) discovery = NULL;
      g_autoptr(GError) error = NULL;

      /* Nothing is fetched: the hosts are not on this machine's loopback. */
      discovery = story_discover (http, cases[i].pasted, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (discovery->kind, ==, cases[i].kind);
      g_assert_cmpstr (discovery->feed_url, ==, cases[i].url);
      g_assert_cmpstr (discovery->api_key, ==, cases[i].key);
      g_assert_true (discovery->needs_api_key);
      g_assert_nonnull (discovery->feed_title);
    }
}

static void
test_base_element (void)
{
  const char *html = "<html><head><base href=\"https://example.test/sub/\">"
                     "<link rel=\"alternate feed\" type=\"application/feed+json; charset=utf-8\" "
                     "href=\"feed.json\"></head></html>";
  g_autoptr(GPtrArray) links = story_discovery_find_links (html, strlen (html),
                                                           "https://example.test/page");

  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((StoryFeedLink *)g_ptr_array_index (links, 0))->url, ==,
                   "https://example.test/sub/feed.json");
}

/* Found by fuzzing: a page address whose dot segments leave a path starting
 * with "//" and no host made g_uri_resolve_relative() trip a GLib assertion. */
static void
test_base_with_dot_segments (void)
{
  const char *html = "<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\">"
                     "<base href=\"../other/\">"
                     "<link rel=\"alternate\" type=\"application/json\" href=\"https://b.test/f\">";
  g_autoptr(GPtrArray) links = story_discovery_find_links (html, strlen (html),
                                                           "http:/..///old.example/a");

  /* The absolute link still counts; the relative one has nothing sane to resolve against. */
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((StoryFeedLink *)g_ptr_array_index (links, 0))->url, ==, "https://b.test/f");
}

static void
test_normalize (void)
{
  g_autofree char *bare = story_discovery_normalize_url ("  example.test/feed.json \n");
  g_autofree char *full = story_discovery_normalize_url ("http://example.test/");

  g_assert_cmpstr (bare, ==, "https://example.test/feed.json");
  g_assert_cmpstr (full, ==, "http://example.test/");
  g_assert_null (story_discovery_normalize_url ("   "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/discovery/feed", test_feed);
  ADD ("/discovery/feed-moved", test_moved_feed);
  ADD ("/discovery/feed-mislabelled", test_mislabelled_feed);
  ADD ("/discovery/page/links-feeds", test_page_links_feeds);
  ADD ("/discovery/page/links-none", test_page_links_none);
  ADD ("/discovery/not-a-feed", test_not_a_feed);
  ADD ("/discovery/wordpress", test_wordpress);
  ADD ("/discovery/miniflux", test_miniflux);
  ADD ("/discovery/nextcloud-news", test_nextcloud_news);
  g_test_add_func ("/discovery/known-apis", test_known_apis);
  g_test_add_func ("/discovery/page/base-element", test_base_element);
  g_test_add_func ("/discovery/page/base-with-dot-segments", test_base_with_dot_segments);
  g_test_add_func ("/discovery/normalize", test_normalize);

  return g_test_run ();
}
