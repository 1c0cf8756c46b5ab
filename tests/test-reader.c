/* test-reader.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reading pane under Xvfb: hostile article HTML runs nothing, loads
 * nothing and navigates nowhere, both as stored (sanitized) and, to test the
 * layers behind the sanitizer, raw; remote content loads only when allowed;
 * the article comes back when the web process dies. A SoupServer on the
 * loopback stands in for every remote host and counts what reaches it. */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "story-article-page.h"
#include "story-application.h"
#include "story-reader-view.h"
#include "story-sanitizer.h"

#define TITLE "A hostile article"

/* The smallest valid PNG: one transparent pixel. */
static const guint8 png_pixel[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60,
  0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0xe9, 0xfa, 0xdc, 0xd8, 0x00, 0x00, 0x00, 0x00,
  0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* Everything an article might try. Every remote address is the loopback
 * server; every script would change the title and make a request. */
static const char hostile_template[] =
  "<p id=\"intro\">Nothing here should run.</p>"
  "<script>document.title = 'pwned-script'; new Image ().src = '@/script';</script>"
  "<img src=\"nowhere\" onerror=\"document.title = 'pwned-onerror'; new Image ().src = '@/onerror'\">"
  "<p id=\"clickable\" onclick=\"document.title = 'pwned-onclick'\">Click me</p>"
  "<div onmouseover=\"document.body.dataset.pwned = 1\" onfocus=\"document.body.dataset.pwned = 1\" "
  "tabindex=\"0\" autofocus>Hover me</div>"
  "<meta http-equiv=\"refresh\" content=\"0; url=@/refresh\">"
  "<a id=\"js-link\" href=\"javascript:document.title = 'pwned-js'; void (new Image ().src = '@/js')\">A javascript: link</a>"
  "<a id=\"web-link\" href=\"@/link\">A web link</a>"
  "<a id=\"blank-link\" href=\"@/blank\" target=\"_blank\">A new-window link</a>"
  "<form action=\"@/form\" method=\"post\"><input name=\"q\" value=\"1\">"
  "<button id=\"submit\" type=\"submit\">Send</button></form>"
  "<iframe src=\"@/frame\"></iframe>"
  "<img id=\"remote\" src=\"@/remote.png\">"
  "<svg onload=\"document.title = 'pwned-svg'\"><circle r=\"5\"/></svg>"
  "<style>body { background: url(@/css-background) }</style>"
  "<link rel=\"stylesheet\" href=\"@/stylesheet.css\">"
  "<object data=\"@/object\"></object><embed src=\"@/embed\">"
  "<video src=\"@/video.webm\" autoplay></video>"
  "<base href=\"@/base/\">"
  "<p>The end.</p>";

static char *tmp_home;

typedef struct
{
  SoupServer      *server;
  char            *base;       /* http://127.0.0.1:PORT */
  GPtrArray       *requests;   /* paths the server saw */
  GPtrArray       *opened;     /* URIs handed to the desktop browser */
  GSettings       *settings;
  GtkWindow       *window;
  StoryReaderView *reader;
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

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the web process do whatever it would do on its own for a while. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;

  g_test_message ("The loopback server got %s %s", soup_server_message_get_method (message), path);
  g_ptr_array_add (fixture->requests, g_strdup (path));

  if (g_str_has_suffix (path, ".png"))
    soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC,
                                      (const char *)png_pixel, sizeof png_pixel);
  else
    soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                      "<script>document.title='pwned'</script>", 39);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static gboolean
record_external_cb (StoryReaderView *reader,
                    const char      *uri,
                    Fixture         *fixture)
{
  g_ptr_array_add (fixture->opened, g_strdup (uri));
  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->requests = g_ptr_array_new_with_free_func (g_free);
  fixture->opened = g_ptr_array_new_with_free_func (g_free);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  fixture->settings = g_settings_new (APP_ID);
  fixture->reader = STORY_READER_VIEW (story_reader_view_new ());
  story_reader_view_set_settings (fixture->reader, fixture->settings);
  g_signal_connect (fixture->reader, "open-external", G_CALLBACK (record_external_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->reader));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->requests, g_ptr_array_unref);
  g_clear_pointer (&fixture->opened, g_ptr_array_unref);
  g_clear_pointer (&fixture->base, g_free);
}

static char *
hostile_html (Fixture *fixture)
{
  g_auto(GStrv) parts = g_strsplit (hostile_template, "@", -1);

  return g_strjoinv (fixture->base, parts);
}

static StoryArticle *
make_article (gint64      id,
              const char *content_html)
{
  StoryArticle *article = story_article_new ();

  story_article_set_id (article, id);
  story_article_set_source_id (article, 1);
  story_article_set_title (article, TITLE);
  story_article_set_source_title (article, "Loopback Gazette");
  story_article_set_content_html (article, content_html);

  return article;
}

typedef struct
{
  char     *value;
  GError   *error;
  gboolean  done;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                      &js->error);
  if (value != NULL)
    js->value = jsc_value_to_string (value);
  js->done = TRUE;
}

/* Returns: the script's value as a string, or NULL if it failed */
static char *
try_js (WebKitWebView *web_view,
        const char    *script)
{
  JsResult js = { NULL, NULL, FALSE };

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, js_done_cb, &js);
  WAIT_UNTIL (js.done);
  if (js.error != NULL)
    g_test_message ("Script failed: %s", js.error->message);
  g_clear_error (&js.error);

  return js.value;
}

static char *
run_js (WebKitWebView *web_view,
        const char    *script)
{
  char *value = try_js (web_view, script);

  g_assert_nonnull (value);
  return value;
}

static gboolean
showing (StoryReaderView *reader,
         gint64           article_id)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (reader);
  g_autofree char *uri = story_article_uri_for_id (article_id);

  return !webkit_web_view_is_loading (web_view) &&
         g_strcmp0 (webkit_web_view_get_uri (web_view), uri) == 0;
}

static gboolean
server_saw (Fixture    *fixture,
            const char *path)
{
  for (guint i = 0; i < fixture->requests->len; i++)
    if (g_strcmp0 (g_ptr_array_index (fixture->requests, i), path) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_nothing_ran (Fixture *fixture)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (fixture->reader);
  g_autofree char *title = run_js (web_view, "document.title");
  g_autofree char *h1 = run_js (web_view, "document.querySelector('h1').textContent");
  g_autofree char *marks = run_js (web_view, "String (document.body.dataset.pwned)");

  /* A script would have renamed the page; the frames it may have would have
   * asked the loopback server, which the caller checks. */
  g_assert_cmpstr (title, ==, TITLE);
  g_assert_cmpstr (h1, ==, TITLE);
  g_assert_cmpstr (marks, ==, "undefined");
}

/* Clicks every link, button and clickable paragraph, and submits the form. */
static void
click_everything (Fixture *fixture,
                  gint64   article_id)
{
  WebKitWebView *web_view = story_reader_view_get_web_view (fixture->reader);
  g_autofree char *expected = story_article_uri_for_id (article_id);
  g_autofree char *count = run_js (web_view, "document.querySelectorAll('a').length");
  guint n = g_ascii_strtoull (count, NULL, 10);
  const char *others[] = {
    "document.getElementById('clickable') && document.getElementById('clickable').click (); 1",
    "document.getElementById('submit') && document.getElementById('submit').click (); 1",
    "document.forms.length > 0 && document.forms[0].requestSubmit (); 1",
  };

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *script = g_strdup_printf ("document.querySelectorAll('a')[%u].click (); 1", i);

      g_free (run_js (web_view, script));
      settle (150);
      g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_free (try_js (web_view, others[i]));
      settle (150);
      g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, expected);
    }
}

static void
assert_only_web_links_opened (Fixture *fixture)
{
  for (guint i = 0; i < fixture->opened->len; i++)
    {
      const char *uri = g_ptr_array_index (fixture->opened, i);

      g_test_message ("opened outside: %s", uri);
      g_assert_true (g_str_has_prefix (uri, fixture->base));
    }
}

static void
test_hostile_sanitized (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *raw = hostile_html (fixture);
  g_autoptr(StorySanitized) sanitized = story_sanitize_html (raw, "https://gazette.test/a");
  g_autoptr(StoryArticle) article = make_article (11, sanitized->html);
  g_autofree char *web_link = g_strconcat (fixture->base, "/link", NULL);
  g_autofree char *frames = NULL;

  /* As stored: the sanitizer already took the attacks out. */
  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 11));
  settle (500);

  frames = run_js (story_reader_view_get_web_view (fixture->reader),
                   "String (document.querySelectorAll('.content :is(iframe, script, form, object, "
                   "embed, meta, base, link, style, [onerror], [onclick], [onload])').length)");
  g_assert_cmpstr (frames, ==, "0");
  assert_nothing_ran (fixture);
  click_everything (fixture, 11);
  settle (300);
  assert_nothing_ran (fixture);

  /* The web link went to the browser; nothing reached the network. */
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->opened, web_link, g_str_equal, NULL));
  assert_only_web_links_opened (fixture);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_hostile_raw (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *raw = hostile_html (fixture);
  g_autoptr(StoryArticle) article = make_article (12, raw);
  g_autofree char *web_link = g_strconcat (fixture->base, "/link", NULL);
  g_autofree char *remote = NULL;

  /* Should the sanitizer ever miss something, the CSP, script markup being
   * off and the navigation policy still hold: the body goes in unsanitized. */
  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 12));
  settle (800);

  /* The markup is there; it just does nothing. */
  remote = run_js (story_reader_view_get_web_view (fixture->reader),
                   "String (document.getElementById('remote') !== null)");
  g_assert_cmpstr (remote, ==, "true");

  assert_nothing_ran (fixture);
  click_everything (fixture, 12);
  settle (500);
  assert_nothing_ran (fixture);

  g_assert_true (g_ptr_array_find_with_equal_func (fixture->opened, web_link, g_str_equal, NULL));
  assert_only_web_links_opened (fixture);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_hostile_raw_with_remote_content (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *raw = hostile_html (fixture);
  g_autoptr(StoryArticle) article = make_article (13, raw);

  /* Allowing remote content allows images through the app and the embed
   * allowlist; it does not let the page itself reach anything else. */
  story_reader_view_show_article (fixture->reader, article, NULL, TRUE);
  WAIT_UNTIL (showing (fixture->reader, 13));
  settle (800);

  assert_nothing_ran (fixture);
  click_everything (fixture, 13);
  settle (500);
  assert_nothing_ran (fixture);
  assert_only_web_links_opened (fixture);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_remote_image_when_allowed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *raw = g_strdup_printf ("<p><img src=\"%s/remote.png\" alt=\"\"></p><p>Text</p>",
                                          fixture->base);
  g_autoptr(StorySanitized) sanitized = story_sanitize_html (raw, "https://gazette.test/a");
  g_autoptr(StoryArticle) article = make_article (21, sanitized->html);
  g_autofree char *decoded = NULL;

  /* Not allowed: the image stays away, and so does the request. */
  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 21));
  settle (800);
  g_assert_cmpuint (fixture->requests->len, ==, 0);

  /* Allowed for its source: the app fetches the image, and the page shows it. */
  story_reader_view_set_load_remote (fixture->reader, TRUE);
  WAIT_UNTIL (showing (fixture->reader, 21) && server_saw (fixture, "/remote.png"));
  WAIT_UNTIL ((g_free (decoded),
               decoded = try_js (story_reader_view_get_web_view (fixture->reader),
                                 "String (document.images[0].complete && "
                                 "document.images[0].naturalWidth)")) != NULL &&
              g_strcmp0 (decoded, "1") == 0);
  g_assert_cmpuint (fixture->requests->len, ==, 1);
}

static void
test_embed_click_to_load (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(StorySanitized) sanitized =
    story_sanitize_html ("<p>Watch this.</p><iframe src=\"https://player.vimeo.com/video/76979871\">"
                         "</iframe>", "https://gazette.test/a");
  g_autoptr(StoryArticle) article = make_article (31, sanitized->html);
  WebKitWebView *strict_view;
  g_autofree char *frames = NULL;
  g_autofree char *placeholder = NULL;
  g_autofree char *iframe = NULL;

  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 31));
  strict_view = story_reader_view_get_web_view (fixture->reader);

  /* Without remote content the embed is a link naming its host. */
  frames = run_js (strict_view, "String (document.querySelectorAll('iframe').length)");
  g_assert_cmpstr (frames, ==, "0");
  placeholder = run_js (strict_view, "document.querySelector('.embed a').textContent");
  g_assert_nonnull (strstr (placeholder, "player.vimeo.com"));

  /* Clicking it shows the article again, with the embed, in a view built for it. */
  g_free (run_js (strict_view, "document.querySelector('.embed a').click (); 1"));
  WAIT_UNTIL (story_reader_view_get_web_view (fixture->reader) != strict_view &&
              showing (fixture->reader, 31));
  iframe = run_js (story_reader_view_get_web_view (fixture->reader),
                   "document.querySelector('iframe').getAttribute('src')");
  g_assert_cmpstr (iframe, ==, "https://player.vimeo.com/video/76979871");
  g_assert_cmpuint (fixture->opened->len, ==, 0);
}

static void
test_render_twice_quickly (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StoryArticle) article = make_article (61, "<p>Shown once, then again.</p>");
  g_autofree char *h1 = NULL;

  /* A click selects and activates a headline: the article is shown twice
   * before the first load is decided. It must show, not a blank pane. */
  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 61) &&
              (g_free (h1),
               h1 = try_js (story_reader_view_get_web_view (fixture->reader),
                            "document.querySelector('h1') ? "
                            "document.querySelector('h1').textContent : ''")) != NULL &&
              g_strcmp0 (h1, TITLE) == 0);
}

/* The line saying why the article is in its theme, once the pane shows
 * @article_id's page ("" without one), or %NULL. */
static char *
shown_why (Fixture *fixture,
           gint64   article_id)
{
  if (!showing (fixture->reader, article_id))
    return NULL;

  return try_js (story_reader_view_get_web_view (fixture->reader),
                 "document.querySelector('.why') ? "
                 "document.querySelector('.why').textContent : ''");
}

/* The words that say why an article is in its theme come a moment after
 * the article, while its first load is on its way: the pane ends showing
 * them, for each article in turn, and never an older render. */
static void
test_render_terms_after_article (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char * const first_terms[] = { "harbour", "strike", NULL };
  static const char * const second_terms[] = { "ceasefire", NULL };
  g_autoptr(StoryArticle) first = make_article (71, "<p>The harbour strike.</p>");
  g_autoptr(StoryArticle) second = make_article (72, "<p>The ceasefire talks.</p>");
  g_autofree char *why = NULL;

  story_article_set_theme_label (first, "Harbour strike");
  story_article_set_theme_label (second, "Ceasefire talks");
  story_reader_view_show_article (fixture->reader, first, NULL, FALSE);
  story_reader_view_set_theme_terms (fixture->reader, first_terms);
  WAIT_UNTIL ((g_free (why), why = shown_why (fixture, 71)) != NULL &&
              strstr (why, "harbour") != NULL && strstr (why, "strike") != NULL);

  /* The next article, its words at once, then words that changed. */
  story_reader_view_show_article (fixture->reader, second, NULL, FALSE);
  story_reader_view_set_theme_terms (fixture->reader, first_terms);
  story_reader_view_set_theme_terms (fixture->reader, second_terms);
  WAIT_UNTIL ((g_free (why), why = shown_why (fixture, 72)) != NULL &&
              strstr (why, "ceasefire") != NULL);
  g_assert_null (strstr (why, "harbour"));
}

static void
test_web_process_crash (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StoryArticle) article = make_article (41, "<p>Still here.</p>");
  g_autofree char *h1 = NULL;

  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 41));
  g_assert_null (story_reader_view_get_status_message (fixture->reader));

  g_test_expect_message ("story-reader", G_LOG_LEVEL_WARNING, "*web process*ended*");
  webkit_web_view_terminate_web_process (story_reader_view_get_web_view (fixture->reader));
  WAIT_UNTIL (story_reader_view_get_status_message (fixture->reader) != NULL);
  g_test_assert_expected_messages ();

  /* The pane says so, and the article comes back. */
  g_assert_nonnull (strstr (story_reader_view_get_status_message (fixture->reader),
                            "stopped unexpectedly"));
  WAIT_UNTIL (showing (fixture->reader, 41) &&
              (g_free (h1),
               h1 = try_js (story_reader_view_get_web_view (fixture->reader),
                            "document.querySelector('h1').textContent")) != NULL &&
              g_strcmp0 (h1, TITLE) == 0);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_repeated_crashes_offer (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(StoryArticle) article = make_article (42, "<p>Still here.</p>");
  WebKitSettings *web_settings;
  GtkWidget *button;

  /* Hardware acceleration on, as the user chose it or a machine with a graphics card has
   * it (without one, and no choice made, the pane starts with it off). */
  g_settings_set_boolean (fixture->settings, "hardware-acceleration", TRUE);
  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 42));
  web_settings = webkit_web_view_get_settings (story_reader_view_get_web_view (fixture->reader));

  /* After three crashes within a minute the pane suggests turning hardware acceleration off. */
  for (guint i = 0; i < 3; i++)
    {
      g_test_expect_message ("story-reader", G_LOG_LEVEL_WARNING, "*web process*ended*");
      webkit_web_view_terminate_web_process (story_reader_view_get_web_view (fixture->reader));
      WAIT_UNTIL (story_reader_view_get_status_message (fixture->reader) != NULL);
      g_test_assert_expected_messages ();
      WAIT_UNTIL (showing (fixture->reader, 42));
      if (i < 2)
        g_assert_null (strstr (story_reader_view_get_status_message (fixture->reader),
                               "hardware acceleration"));
    }

  g_assert_nonnull (strstr (story_reader_view_get_status_message (fixture->reader),
                            "hardware acceleration"));

  /* Taking the offer is remembered in GSettings, so it holds at the next start,
   * and the key drives WebKit's policy both ways. */
  button = find_button (GTK_WIDGET (fixture->reader), "Turn Off _Hardware Acceleration");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (g_settings_get_boolean (fixture->settings, "hardware-acceleration"));
  g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (web_settings), ==,
                   WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  g_settings_set_boolean (fixture->settings, "hardware-acceleration", TRUE);
  g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (web_settings), !=,
                   WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  g_settings_set_boolean (fixture->settings, "hardware-acceleration", FALSE);
  g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (web_settings), ==,
                   WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  /* No choice made: on where a graphics card can be reached, off where none can. */
  g_settings_reset (fixture->settings, "hardware-acceleration");
  if (story_application_pick_renderer ("/dev/dri") != NULL)
    g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (web_settings), ==,
                     WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  else
    g_assert_cmpint (webkit_settings_get_hardware_acceleration_policy (web_settings), !=,
                     WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
}

static void
test_theme_from_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(StoryArticle) article = make_article (51, "<p style=\"color: red; font-family: Comic Sans MS\">Text</p>");
  g_autofree char *klass = NULL;
  g_autofree char *color = NULL;
  g_autofree char *width = NULL;

  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 51));

  g_settings_set_string (fixture->settings, "article-theme", "sepia");
  WAIT_UNTIL (showing (fixture->reader, 51) &&
              (g_free (klass),
               klass = try_js (story_reader_view_get_web_view (fixture->reader),
                               "document.documentElement.className")) != NULL &&
              g_strcmp0 (klass, "sepia") == 0);

  /* Publisher colours give way to the theme's. */
  color = run_js (story_reader_view_get_web_view (fixture->reader),
                  "getComputedStyle (document.querySelector('.content p')).color");
  g_assert_cmpstr (color, ==, "rgb(67, 52, 34)");

  /* About seventy characters to a line. */
  width = run_js (story_reader_view_get_web_view (fixture->reader),
                  "String (Math.round (document.body.getBoundingClientRect ().width / "
                  "parseFloat (getComputedStyle (document.body).fontSize)))");
  g_test_message ("body width in em: %s", width);
  g_assert_cmpint (g_ascii_strtoll (width, NULL, 10), >=, 30);
  g_assert_cmpint (g_ascii_strtoll (width, NULL, 10), <=, 42);

  g_settings_reset (fixture->settings, "article-theme");
}

static char *
body_font (Fixture *fixture)
{
  return run_js (story_reader_view_get_web_view (fixture->reader),
                 "getComputedStyle (document.querySelector('.content p')).fontFamily");
}

static void
test_font_from_settings (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StoryArticle) article = make_article (52, "<p style=\"font-family: Comic Sans MS\">Text</p>");
  g_autofree char *serif = NULL;
  g_autofree char *named = NULL;
  g_autofree char *hostile = NULL;

  story_reader_view_show_article (fixture->reader, article, NULL, FALSE);
  WAIT_UNTIL (showing (fixture->reader, 52));

  /* Serif or sans, or a family by name; never the publisher's. */
  g_settings_set_string (fixture->settings, "article-font", "serif");
  WAIT_UNTIL (showing (fixture->reader, 52));
  serif = body_font (fixture);
  g_assert_cmpstr (serif, ==, "serif");

  g_settings_set_string (fixture->settings, "article-font", "Noto Serif");
  WAIT_UNTIL (showing (fixture->reader, 52));
  named = body_font (fixture);
  g_assert_cmpstr (named, ==, "\"Noto Serif\", sans-serif");

  /* A name that could end the CSS string is not used. */
  g_settings_set_string (fixture->settings, "article-font", "x\"; } * { color: red");
  WAIT_UNTIL (showing (fixture->reader, 52));
  hostile = body_font (fixture);
  g_assert_null (strstr (hostile, "x"));

  g_settings_reset (fixture->settings, "article-font");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *env_vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                             "XDG_STATE_HOME", NULL };

  tmp_home = g_dir_make_tmp ("storyline-reader-XXXXXX", &error);
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
  /* GTK logs through the structured API: keep criticals fatal, and let a
   * warning such as Xvfb's missing focus-out only be printed. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
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

  ADD ("/reader/hostile/sanitized", test_hostile_sanitized);
  ADD ("/reader/hostile/raw", test_hostile_raw);
  ADD ("/reader/hostile/raw-with-remote-content", test_hostile_raw_with_remote_content);
  ADD ("/reader/remote/image-when-allowed", test_remote_image_when_allowed);
  ADD ("/reader/remote/embed-click-to-load", test_embed_click_to_load);
  ADD ("/reader/render/twice-quickly", test_render_twice_quickly);
  ADD ("/reader/render/terms-after-article", test_render_terms_after_article);
  ADD ("/reader/crash/article-comes-back", test_web_process_crash);
  ADD ("/reader/crash/repeated-offers-hardware-acceleration-off", test_repeated_crashes_offer);
  ADD ("/reader/typography/theme-and-measure", test_theme_from_settings);
  ADD ("/reader/typography/font", test_font_from_settings);

  return g_test_run ();
}
