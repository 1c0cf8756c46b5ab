/* test-images.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The offline image cache against real HTTP on loopback. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "story-image-cache.h"
#include "story-sanitizer.h"
#include "story-sync-manager.h"

static const guchar png_1x1[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static const char svg[] =
  "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
  "<rect width=\"40\" height=\"20\" fill=\"teal\"/></svg>";

typedef struct
{
  char             *dir;
  StoryStore       *store;
  StoryImageCache  *cache;
  StorySyncManager *manager;
  SoupServer       *server;
  char             *base;
  GHashTable       *requests;   /* path → count */
  char             *feed;
} Fixture;

static guint
requests_for (Fixture    *fixture,
              const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->requests, path));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  g_hash_table_insert (fixture->requests, g_strdup (path),
                       GUINT_TO_POINTER (requests_for (fixture, path) + 1));

  if (g_str_equal (path, "/feed.json"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_COPY,
                                        fixture->feed, strlen (fixture->feed));
    }
  else if (g_str_equal (path, "/dot.png"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC,
                                        (const char *)png_1x1, sizeof png_1x1);
    }
  else if (g_str_equal (path, "/shape.svg"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/svg+xml", SOUP_MEMORY_STATIC, svg,
                                        strlen (svg));
    }
  else if (g_str_equal (path, "/huge.png"))
    {
      gsize size = 64 * 1024;
      char *data = g_malloc0 (size);

      memcpy (data, png_1x1, sizeof png_1x1);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_TAKE, data, size);
    }
  else if (g_str_equal (path, "/fake.png"))
    {
      const char *html = "<!DOCTYPE html><html><body>Not an image</body></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC, html,
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
  g_autoptr(StorySource) source = NULL;
  g_autofree char *db = NULL;
  g_autofree char *images = NULL;
  g_autofree char *feed_url = NULL;
  GSList *uris;

  fixture->dir = g_dir_make_tmp ("storyline-images-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "storyline.db", NULL);
  images = g_build_filename (fixture->dir, "images", NULL);
  fixture->store = story_store_new (db, &error);
  g_assert_no_error (error);
  fixture->cache = story_image_cache_new (images);
  /* Small caps so the limits are reached with small files. */
  story_image_cache_set_limits (fixture->cache, 16 * 1024, 1024 * 1024);
  fixture->manager = story_sync_manager_new (fixture->store);
  story_sync_manager_set_image_cache (fixture->manager, fixture->cache);
  fixture->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  fixture->feed = g_strdup_printf (
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Pictures\",\"items\":["
    "{\"id\":\"1\",\"title\":\"With pictures\",\"image\":\"/shape.svg\","
    "\"content_html\":\"<p>a</p><img src='/dot.png' width='40' height='40'><img src='/missing.png'>"
    "<img src='/huge.png'><img src='/fake.png'>\"},"
    "{\"id\":\"2\",\"title\":\"Same picture again\","
    "\"content_html\":\"<img src='%sdot.png' width='40' height='40'>\"}]}",
    fixture->base);

  feed_url = g_strconcat (fixture->base, "feed.json", NULL);
  source = story_store_add_source (fixture->store, "json-feed", feed_url, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->store);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_hash_table_unref (fixture->requests);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->base);
  g_free (fixture->feed);
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **reports = user_data;

  *reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, NULL);
  g_assert_nonnull (*reports);
}

static void
sync_all (Fixture *fixture)
{
  GPtrArray *reports = NULL;

  story_sync_manager_sync_async (fixture->manager, NULL, 0, NULL, synced_cb, &reports);
  while (reports == NULL)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < reports->len; i++)
    g_assert_no_error (((StorySyncReport *)g_ptr_array_index (reports, i))->error);
  g_ptr_array_unref (reports);
}

static void
fetch_pending_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Fixture *fixture = task_data;
  GError *error = NULL;

  if (story_image_cache_fetch_pending (fixture->cache, fixture->store, 0, NULL, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The loopback server answers on this thread's main context, so blocking
 * downloads run on a worker while the test spins the loop. */
static void
fetch_pending (Fixture *fixture)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_task_set_task_data (task, fixture, NULL);
  g_task_run_in_thread (task, fetch_pending_thread);
  while (!g_task_get_completed (task))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_task_propagate_boolean (task, &error));
  g_assert_no_error (error);
}

static gboolean
is_cached (Fixture    *fixture,
           const char *path)
{
  g_autofree char *url = g_strconcat (fixture->base, path + 1, NULL);
  g_autofree char *file = story_image_cache_dup_path (fixture->cache, url);

  return g_file_test (file, G_FILE_TEST_IS_REGULAR);
}

static void
test_sync_caches_images (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sync_all (fixture);

  /* The body's images and the hero are on disk; each URL fetched once. */
  g_assert_true (is_cached (fixture, "/dot.png"));
  g_assert_true (is_cached (fixture, "/shape.svg"));
  g_assert_cmpuint (requests_for (fixture, "/dot.png"), ==, 1);

  /* A 404, an image over the cap and HTML posing as a PNG are not kept. */
  g_assert_false (is_cached (fixture, "/missing.png"));
  g_assert_false (is_cached (fixture, "/huge.png"));
  g_assert_false (is_cached (fixture, "/fake.png"));

  g_assert_cmpint (story_store_get_image_cache_size (fixture->store, &error), ==,
                   sizeof png_1x1 + strlen (svg));

  /* A second sync asks for no cached image again. */
  sync_all (fixture);
  g_assert_cmpuint (requests_for (fixture, "/dot.png"), ==, 1);
  g_assert_cmpuint (requests_for (fixture, "/shape.svg"), ==, 1);

  /* Failures are retried a few times, then given up. */
  sync_all (fixture);
  sync_all (fixture);
  g_assert_cmpuint (requests_for (fixture, "/missing.png"), ==, 3);
}

static void
test_eviction (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sync_all (fixture);
  g_assert_true (is_cached (fixture, "/dot.png"));
  g_assert_true (is_cached (fixture, "/shape.svg"));

  /* A cap smaller than both images keeps the most recent one only. */
  story_image_cache_set_limits (fixture->cache, 16 * 1024, strlen (svg) + 10);
  fetch_pending (fixture);
  g_assert_cmpuint (is_cached (fixture, "/dot.png") + is_cached (fixture, "/shape.svg"), ==, 1);
  g_assert_cmpint (story_store_get_image_cache_size (fixture->store, &error), <=,
                   (gint64)strlen (svg) + 10);
}

static void
test_images_go_with_their_articles (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  sync_all (fixture);
  g_assert_true (is_cached (fixture, "/dot.png"));

  sources = story_store_list_sources (fixture->store, &error);
  g_assert_true (story_store_remove_source (fixture->store,
                                            story_source_get_id (g_ptr_array_index (sources, 0)),
                                            &error));
  fetch_pending (fixture);
  g_assert_false (is_cached (fixture, "/dot.png"));
  g_assert_false (is_cached (fixture, "/shape.svg"));
  g_assert_cmpint (story_store_get_image_cache_size (fixture->store, &error), ==, 0);
}

static void
test_sniff (void)
{
  g_assert_cmpstr (story_image_cache_sniff (png_1x1, sizeof png_1x1), ==, "image/png");
  g_assert_cmpstr (story_image_cache_sniff ((const guchar *)"\xff\xd8\xff\xe0", 4), ==,
                   "image/jpeg");
  g_assert_cmpstr (story_image_cache_sniff ((const guchar *)"GIF89a....", 10), ==, "image/gif");
  g_assert_cmpstr (story_image_cache_sniff ((const guchar *)svg, strlen (svg)), ==,
                   "image/svg+xml");
  g_assert_null (story_image_cache_sniff ((const guchar *)"<html>", 6));
  g_assert_null (story_image_cache_sniff ((const guchar *)"", 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/images/sync/caches-what-articles-show", test_sync_caches_images);
  ADD ("/images/cap/evicts-oldest", test_eviction);
  ADD ("/images/retention/go-with-articles", test_images_go_with_their_articles);
  g_test_add_func ("/images/sniff", test_sniff);

  return g_test_run ();
}
