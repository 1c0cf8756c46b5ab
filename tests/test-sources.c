/* test-sources.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Adding sources as a reader does, against a loopback server, under Xvfb:
 * the new source's headlines show up, and a broken one says what is wrong. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "story-secrets.h"
#include "story-sources-window.h"
#include "story-test-ui.h"
#include "story-window.h"

static char *tmp_home;

#define PASSWORD "members-Storyline-6d2a"
#define API_KEY  "mf-key-Storyline-4e90"

static const char miniflux_entries[] =
  "{\"total\":1,\"entries\":[{\"id\":77,\"status\":\"unread\",\"starred\":false,"
  "\"title\":\"Tram depot opens\",\"url\":\"https://city.example/depot\","
  "\"content\":\"<p>Open.</p>\",\"feed\":{\"category\":{\"title\":\"Local\"}}}]}";
#define MEMBERS_LOGIN "reader:" PASSWORD

static const char members_feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Members Desk\","
  "\"items\":[{\"id\":\"m1\",\"title\":\"Members only story\","
  "\"content_text\":\"Hello, reader.\"}]}";

static const char feed[] =
  "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Loopback Gazette\","
  "\"favicon\":\"/icon.png\","
  "\"items\":[{\"id\":\"1\",\"title\":\"Harbour bridge reopens\",\"tags\":[\"Harbour\"],"
  "\"content_text\":\"Traffic flows again.\",\"date_published\":\"2026-11-20T07:30:00Z\"}]}";

static const char blog[] =
  "<!DOCTYPE html><html><head><title>Blog</title>"
  "<link rel=\"alternate\" type=\"application/feed+json\" href=\"../feed.json\" title=\"Gazette\">"
  "</head><body>Hello</body></html>";

typedef struct
{
  StoryStore         *store;
  StorySyncManager   *manager;
  GSettings          *settings;
  StoryWindow        *window;
  StorySourcesWindow *sources;
  SoupServer         *server;
  char               *base;
  gboolean            recovered;   /* /down.json answers again */
  GBytes             *icon;
  guint               n_authorized; /* requests to /private/ with the password */
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *)user_data);
  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(condition) \
  G_STMT_START { \
    guint timeout_id = g_timeout_add_seconds (20, timeout_cb, (gpointer)#condition); \
    while (!(condition)) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (timeout_id); \
  } G_STMT_END

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/feed.json"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                        feed, strlen (feed));
    }
  else if (g_str_equal (path, "/private/feed.json"))
    {
      const char *authorization =
        soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                      "Authorization");
      g_autofree char *expected = g_base64_encode ((const guchar *)MEMBERS_LOGIN,
                                                   strlen (MEMBERS_LOGIN));

      if (authorization == NULL || !g_str_has_prefix (authorization, "Basic ") ||
          !g_str_equal (authorization + strlen ("Basic "), expected))
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                        "WWW-Authenticate", "Basic realm=\"Members\"");
          soup_server_message_set_status (message, 401, NULL);
          return;
        }
      ((Fixture *)user_data)->n_authorized++;
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                        members_feed, strlen (members_feed));
    }
  else if (g_str_equal (path, "/reader/"))
    {
      const char *login = "<!DOCTYPE html><html><head><title>Miniflux</title></head></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, login,
                                        strlen (login));
    }
  else if (g_str_has_prefix (path, "/reader/v1/"))
    {
      const char *token =
        soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                      "X-Auth-Token");
      const char *refused = "{\"error_message\":\"Access Unauthorized\"}";

      if (g_strcmp0 (token, API_KEY) != 0)
        {
          soup_server_message_set_status (message, 401, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            refused, strlen (refused));
          return;
        }
      ((Fixture *)user_data)->n_authorized++;
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        miniflux_entries, strlen (miniflux_entries));
    }
  else if (g_str_equal (path, "/icon.png"))
    {
      GBytes *icon = ((Fixture *)user_data)->icon;

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (icon, NULL), g_bytes_get_size (icon));
    }
  else if (g_str_equal (path, "/blog/"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, blog,
                                        strlen (blog));
    }
  else if (g_str_equal (path, "/down.json") && ((Fixture *)user_data)->recovered)
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                        feed, strlen (feed));
    }
  else if (g_str_equal (path, "/down.json"))
    soup_server_message_set_status (message, 503, NULL);
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_home, "sources.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GSList *uris;

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  fixture->store = story_store_new (path, &error);
  g_assert_no_error (error);
  fixture->manager = story_sync_manager_new (fixture->store);
  story_http_set_timeout (story_sync_manager_get_http (fixture->manager), 2);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  {
    guchar pixels[16 * 16 * 4];
    g_autoptr(GBytes) data_bytes = NULL;
    g_autoptr(GdkTexture) texture = NULL;

    memset (pixels, 0x80, sizeof pixels);
    data_bytes = g_bytes_new (pixels, sizeof pixels);
    texture = gdk_memory_texture_new (16, 16, GDK_MEMORY_R8G8B8A8, data_bytes, 16 * 4);
    fixture->icon = gdk_texture_save_to_png_bytes (texture);
  }

  fixture->settings = g_settings_new (APP_ID);
  fixture->window = story_window_new (NULL, fixture->store, fixture->manager, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));

  fixture->sources = story_sources_window_new (fixture->store, fixture->manager);
  gtk_window_set_transient_for (GTK_WINDOW (fixture->sources), GTK_WINDOW (fixture->window));
  g_signal_connect_swapped (fixture->sources, "sources-changed",
                            G_CALLBACK (story_window_reload), fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->sources));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->sources));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Let pending store callbacks run before the store goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->settings);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
  g_clear_pointer (&fixture->icon, g_bytes_unref);
}

static char *
url_for (Fixture    *fixture,
         const char *path)
{
  return g_strconcat (fixture->base, path + 1, NULL);
}

static gboolean
window_shows_headline (StoryWindow *window,
                       const char  *title)
{
  GListModel *themes = story_window_get_themes (window);

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);
      GListModel *articles = story_theme_get_articles (theme);

      for (guint j = 0; j < g_list_model_get_n_items (articles); j++)
        {
          g_autoptr(StoryArticle) article = g_list_model_get_item (articles, j);

          if (g_strcmp0 (story_article_get_title (article), title) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static GtkWidget *
source_row (StorySourcesWindow *sources,
            const char         *title)
{
  GtkWidget *list = GTK_WIDGET (story_sources_window_get_sources_list (sources));

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
    }

  return NULL;
}

/* The subtitle of the row of the source titled @title, or NULL. */
static const char *
source_row_state (StorySourcesWindow *sources,
                  const char         *title)
{
  GtkWidget *list = GTK_WIDGET (story_sources_window_get_sources_list (sources));

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return adw_action_row_get_subtitle (ADW_ACTION_ROW (child));
    }

  return NULL;
}

static void
test_add_feed_shows_articles (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/feed.json");

  story_sources_window_add_address (fixture->sources, url);

  WAIT_UNTIL (window_shows_headline (fixture->window, "Harbour bridge reopens"));
  WAIT_UNTIL (source_row_state (fixture->sources, "Loopback Gazette") != NULL &&
              g_str_has_prefix (source_row_state (fixture->sources, "Loopback Gazette"),
                                "Synced today at "));
  WAIT_UNTIL (story_sources_window_get_status (fixture->sources) == NULL);

  /* The reader asks for this source to be synced every hour. */
  {
    GtkDropDown *interval = g_object_get_data (G_OBJECT (source_row (fixture->sources,
                                                                     "Loopback Gazette")),
                                               "interval");
    gint64 id = story_source_get_id (g_object_get_data (G_OBJECT (source_row (fixture->sources,
                                                                              "Loopback Gazette")),
                                                        "source"));
    StorySourceSyncState state = { 0 };

    g_assert_cmpuint (gtk_drop_down_get_selected (interval), ==, 0);
    gtk_drop_down_set_selected (interval, 2);
    WAIT_UNTIL ((story_source_sync_state_clear (&state),
                 story_store_get_sync_state (fixture->store, id, &state, NULL)) &&
                state.sync_interval == 60);
    story_source_sync_state_clear (&state);
  }

  /* The feed's favicon shows beside its name. */
  WAIT_UNTIL (gtk_image_get_storage_type (g_object_get_data (
                G_OBJECT (source_row (fixture->sources, "Loopback Gazette")), "icon")) ==
              GTK_IMAGE_PAINTABLE);
}

static gboolean
stored_source_load_remote (StoryStore *store)
{
  g_autoptr(GPtrArray) sources = story_store_list_sources (store, NULL);

  return sources != NULL && sources->len == 1 &&
         story_source_get_load_remote (g_ptr_array_index (sources, 0));
}

/* A new source starts out with the "Load Remote Content From New Sources"
 * preference. */
static void
test_add_remote_preference (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *url = url_for (fixture, "/feed.json");

  g_settings_set_boolean (settings, "load-remote-new-sources", TRUE);
  story_sources_window_add_address (fixture->sources, url);
  WAIT_UNTIL (window_shows_headline (fixture->window, "Harbour bridge reopens"));
  WAIT_UNTIL (stored_source_load_remote (fixture->store));
  g_settings_reset (settings, "load-remote-new-sources");
}

static void
test_add_page_offers_feed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/blog/");
  GtkListBox *found = story_sources_window_get_found_list (fixture->sources);
  GtkListBoxRow *row;
  GtkWidget *button;

  story_sources_window_add_address (fixture->sources, url);
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (found)));
  g_assert_cmpstr (story_sources_window_get_status (fixture->sources), ==,
                   "This web site offers a feed:");

  /* The reader picks the offered feed. */
  row = gtk_list_box_get_row_at_index (found, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Gazette");
  g_assert_null (gtk_list_box_get_row_at_index (found, 1));
  button = g_object_get_data (G_OBJECT (row), "button");
  if (button == NULL)
    g_signal_emit_by_name (row, "activate");
  else
    gtk_widget_activate (button);

  WAIT_UNTIL (window_shows_headline (fixture->window, "Harbour bridge reopens"));
}

static void
test_add_failing_address_says_why (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/down.json");

  story_sources_window_add_address (fixture->sources, url);
  WAIT_UNTIL (g_strcmp0 (story_sources_window_get_status (fixture->sources),
                         "The server answered 503 Service Unavailable") == 0);
}

/* Files may hold NUL bytes: search them as bytes. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (haystack + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every file under @dir: the cache, the settings file, WebKit's folders. */
static guint
assert_files_free_of (const char         *dir,
                      const char * const *needles)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += assert_files_free_of (path, needles);
          continue;
        }
      /* Sockets and the like cannot be read, nor hold anything. */
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (guint i = 0; needles[i] != NULL; i++)
        {
          if (contains_bytes (contents, length, needles[i]))
            g_error ("The password (%s) was found in %s", needles[i], path);
        }
      n_files++;
    }

  return n_files;
}

static gboolean
widget_tree_shows (GtkWidget  *widget,
                   const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (widget))
    shown = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    shown = gtk_editable_get_text (GTK_EDITABLE (widget));
  if (shown != NULL && strstr (shown, text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (widget_tree_shows (child, text))
        return TRUE;
    }

  return FALSE;
}

/* A reader pastes a Miniflux server's address: Storyline asks for the API
 * key, keeps it in the keyring, and the first sync sends it. */
static void
test_add_with_api_key (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/reader/");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(StorySecret) kept = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *key_row = story_sources_window_get_key_row (fixture->sources);

  if (g_getenv ("STORY_TEST_KEYRING") == NULL)
    {
      g_test_skip ("No throwaway keyring: run the tests through build-aux/test, which starts "
                   "one on a private bus (a real keyring is never used)");
      return;
    }

  g_assert_false (gtk_widget_get_visible (key_row));
  story_sources_window_add_address (fixture->sources, url);
  WAIT_UNTIL (gtk_widget_get_visible (key_row));
  g_assert_cmpstr (story_sources_window_get_status (fixture->sources), ==,
                   "Miniflux needs an API key. Storyline keeps it in your keyring.");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (key_row)), ==,
                   "API Key for Miniflux");
  /* Nothing is added before the key is given. */
  sources = story_store_list_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 0);
  g_clear_pointer (&sources, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (key_row), API_KEY);
  g_signal_emit_by_name (key_row, "apply");

  WAIT_UNTIL (window_shows_headline (fixture->window, "Tram depot opens"));
  g_assert_cmpuint (fixture->n_authorized, >, 0);
  g_assert_false (gtk_widget_get_visible (key_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");

  sources = story_store_list_sources (fixture->store, NULL);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (story_source_get_kind (g_ptr_array_index (sources, 0)), ==, "miniflux");
  kept = story_secrets_lookup_sync (story_source_get_id (g_ptr_array_index (sources, 0)),
                                    STORY_SECRET_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, API_KEY);
  g_assert_false (widget_tree_shows (GTK_WIDGET (fixture->sources), API_KEY));

  /* The throwaway keyring is shared by the session: leave nothing there. */
  story_secrets_clear_sync (story_source_get_id (g_ptr_array_index (sources, 0)), NULL, NULL,
                            NULL);
}

/* A reader pastes an address with a password: the server gets it, the
 * keyring keeps it, and it is in no file, setting, log line or label. */
static void
test_add_with_password (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *base = url_for (fixture, "/private/feed.json");
  g_autofree char *url = g_strconcat ("http://reader:" PASSWORD "@", base + strlen ("http://"),
                                      NULL);
  g_autofree char *login_base64 = g_base64_encode ((const guchar *)MEMBERS_LOGIN,
                                                   strlen (MEMBERS_LOGIN));
  const char *needles[] = { PASSWORD, login_base64, NULL };
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(StorySecret) kept = NULL;
  g_autoptr(GError) error = NULL;
  StorySource *source;

  if (g_getenv ("STORY_TEST_KEYRING") == NULL)
    {
      g_test_skip ("No throwaway keyring: run the tests through build-aux/test, which starts "
                   "one on a private bus (a real keyring is never used)");
      return;
    }

  story_test_capture_log (log);
  story_sources_window_add_address (fixture->sources, url);

  /* The sync got through: the password reached the server. */
  WAIT_UNTIL (window_shows_headline (fixture->window, "Members only story"));
  WAIT_UNTIL (source_row_state (fixture->sources, "Members Desk") != NULL &&
              g_str_has_prefix (source_row_state (fixture->sources, "Members Desk"),
                                "Synced today at "));
  g_assert_cmpuint (fixture->n_authorized, >, 0);

  /* The cache has the address without it; the keyring has it. */
  sources = story_store_list_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  source = g_ptr_array_index (sources, 0);
  g_assert_cmpstr (story_source_get_url (source), ==, base);
  kept = story_secrets_lookup_sync (story_source_get_id (source), STORY_SECRET_URL_LOGIN, NULL,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, MEMBERS_LOGIN);

  /* Not on screen either. */
  g_assert_false (widget_tree_shows (GTK_WIDGET (fixture->sources), PASSWORD));
  g_assert_false (widget_tree_shows (GTK_WIDGET (fixture->window), PASSWORD));

  /* Every message logged meanwhile, debug ones included, from every thread... */
  g_settings_sync ();
  story_test_capture_log (NULL);
  g_assert_nonnull (strstr (log->str, "GLIB_DOMAIN=story-secrets"));   /* debug ones too */
  for (guint i = 0; needles[i] != NULL; i++)
    g_assert_null (strstr (log->str, needles[i]));

  /* ...and every file written: the cache and its journal, the settings file,
   * WebKit's folders. */
  g_test_message ("%u files searched", assert_files_free_of (tmp_home, needles));

  /* Removing the source takes the password out of the keyring. */
  g_assert_true (story_store_remove_source (fixture->store, story_source_get_id (source),
                                            &error));
  g_assert_no_error (error);
  g_clear_pointer (&kept, story_secrets_free);
  kept = story_secrets_lookup_sync (story_source_get_id (source), STORY_SECRET_URL_LOGIN, NULL,
                                    &error);
  g_assert_no_error (error);
  g_assert_null (kept);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GPtrArray) reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object),
                                                                 result, NULL);

  *done = TRUE;
}

static void
test_failing_source_shows_error (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *url = url_for (fixture, "/down.json");
  g_autoptr(StorySource) source = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  source = story_store_add_source (fixture->store, "json-feed", url, "Down Daily", &error);
  g_assert_no_error (error);
  story_sync_manager_sync_async (fixture->manager, NULL, 0, NULL, sync_done_cb, &done);
  WAIT_UNTIL (done);

  /* The error in words, and when the source will be tried again on its own. */
  WAIT_UNTIL (source_row_state (fixture->sources, "Down Daily") != NULL &&
              g_str_has_prefix (source_row_state (fixture->sources, "Down Daily"),
                                "The server answered 503 Service Unavailable. Trying again at "));

  /* The server is back; the reader does not wait for the backoff. */
  fixture->recovered = TRUE;
  gtk_widget_activate (g_object_get_data (G_OBJECT (source_row (fixture->sources, "Down Daily")),
                                          "retry-button"));
  WAIT_UNTIL (source_row_state (fixture->sources, "Loopback Gazette") != NULL &&
              g_str_has_prefix (source_row_state (fixture->sources, "Loopback Gazette"),
                                "Synced today at "));
  WAIT_UNTIL (window_shows_headline (fixture->window, "Harbour bridge reopens"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *env_vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                             "XDG_STATE_HOME", NULL };

  tmp_home = g_dir_make_tmp ("storyline-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; env_vars[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (tmp_home, env_vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (env_vars[i], dir, TRUE);
    }
  /* Settings go to a file under the home, searched for the password. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);
  /* Xvfb has no window manager, so GTK sometimes misses a focus-out it expected. */
  story_test_ignore_focus_warnings ();
  g_set_prgname ("storyline-tests");

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

  ADD ("/sources/add/feed-shows-articles", test_add_feed_shows_articles);
  ADD ("/sources/add/page-offers-feed", test_add_page_offers_feed);
  ADD ("/sources/add/remote-content-preference", test_add_remote_preference);
  ADD ("/sources/add/failing-address-says-why", test_add_failing_address_says_why);
  ADD ("/sources/add/password-goes-to-keyring", test_add_with_password);
  ADD ("/sources/add/api-key-goes-to-keyring", test_add_with_api_key);
  ADD ("/sources/state/failing-source-shows-error", test_failing_source_shows_error);

  return g_test_run ();
}
