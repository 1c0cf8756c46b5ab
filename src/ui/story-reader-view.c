/* story-reader-view.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reading pane. Article HTML is untrusted, so the pane is a sandbox:
 * the body was sanitized before it was stored, page script is off, a
 * content-security policy allows nothing but the app's own scheme, the view
 * never navigates (links go to the desktop browser), and it runs in an
 * ephemeral network session with no access to files.
 *
 * A WebKitWebView's default content-security policy is construct-only and
 * policies only ever intersect, so an article with remote content allowed is
 * shown in a web view built with the looser policy, and every other article
 * in one built with the strict policy: the view is replaced when the mode
 * changes. Images always come through the storyline: scheme; the handler
 * fetches a remote one only for a view built for remote content. */

#define G_LOG_DOMAIN "story-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "story-application.h"
#include "story-article-page.h"
#include "story-image-cache.h"
#include "story-reader-view.h"
#include "story-sanitizer.h"

#define SAMPLE_RESOURCE_PREFIX "resource:///io/github/storyline/Storyline/sample/"

#define MAX_REMOTE_IMAGE_SIZE (16 * 1024 * 1024)
#define CRASH_WINDOW_USEC     (60 * G_USEC_PER_SEC)
#define CRASHES_BEFORE_OFFER  3
#define RENDER_WAIT_MS        1000  /* the longest a render waits for the page before it */

#define DATA_LOAD_REMOTE "story-load-remote"

/* The text sizes Ctrl+plus and Ctrl+minus step through. */
static const double zoom_steps[] = { 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0 };

struct _StoryReaderView
{
  GtkWidget        parent_instance;

  GtkWidget       *banner;         /* GtkRevealer */
  GtkLabel        *banner_label;
  GtkWidget       *banner_button;  /* turns hardware acceleration off */
  AdwToastOverlay *toast_overlay;
  WebKitWebView   *web_view;

  GSettings       *settings;
  GSettings       *desktop_settings;   /* org.gnome.desktop.interface, when installed */

  StoryArticle    *article;
  GPtrArray       *related;
  char           **theme_terms;        /* why the article is in its theme */
  char            *expected_uri;       /* the page the view may navigate to ... */
  guint            pending_loads;      /* ... this many more times: once per render */
  gboolean         loading;            /* a page rendered here is not committed yet */
  guint            render_again_id;    /* a render waiting for it */
  gboolean         load_remote;        /* the article's source allows remote content */
  gint64           remote_article_id;  /* an article the user asked to load remote content for */
  double           zoom_level;
  gint64           crash_times[CRASHES_BEFORE_OFFER];
};

G_DEFINE_FINAL_TYPE (StoryReaderView, story_reader_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_ARTICLE,
  OPEN_EXTERNAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void render (StoryReaderView *self);

static const char *
content_type_for_path (const char *path)
{
  if (g_str_has_suffix (path, ".svg"))
    return "image/svg+xml";
  if (g_str_has_suffix (path, ".png"))
    return "image/png";
  if (g_str_has_suffix (path, ".jpg") || g_str_has_suffix (path, ".jpeg"))
    return "image/jpeg";
  if (g_str_has_suffix (path, ".webp"))
    return "image/webp";

  return "application/octet-stream";
}

static SoupSession *
get_image_session (void)
{
  static SoupSession *session = NULL;

  /* No cookie jar, no cache, no referrer: a remote image request carries nothing. */
  if (session == NULL)
    session = soup_session_new_with_options ("user-agent", "Storyline/" PACKAGE_VERSION,
                                             "timeout", 30,
                                             "idle-timeout", 60,
                                             NULL);

  return session;
}

typedef struct
{
  WebKitURISchemeRequest *request;
  GInputStream           *stream;
  GByteArray             *data;
  char                   *content_type;
} ImageFetch;

static void
image_fetch_free (ImageFetch *fetch)
{
  g_clear_object (&fetch->request);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->data, g_byte_array_unref);
  g_free (fetch->content_type);
  g_free (fetch);
}

static void
image_fetch_fail (ImageFetch *fetch,
                  GError     *error)
{
  webkit_uri_scheme_request_finish_error (fetch->request, error);
  image_fetch_free (fetch);
}

static void
image_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ImageFetch *fetch = user_data;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      image_fetch_fail (fetch, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      if (fetch->data->len + g_bytes_get_size (chunk) > MAX_REMOTE_IMAGE_SIZE)
        {
          error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                       "The image is too large");
          image_fetch_fail (fetch, error);
          return;
        }

      g_byte_array_append (fetch->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (fetch->stream, 64 * 1024, G_PRIORITY_LOW, NULL,
                                       image_read_cb, fetch);
      return;
    }

  size = fetch->data->len;
  data = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->data));
  stream = g_memory_input_stream_new_from_bytes (data);
  webkit_uri_scheme_request_finish (fetch->request, stream, size, fetch->content_type);
  image_fetch_free (fetch);
}

static void
image_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ImageFetch *fetch = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  const char *content_type;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      image_fetch_fail (fetch, error);
      return;
    }

  content_type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (message), NULL);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)) ||
      content_type == NULL || !g_str_has_prefix (content_type, "image/"))
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "No image (HTTP %u)",
                           soup_message_get_status (message));
      image_fetch_fail (fetch, error);
      return;
    }

  fetch->content_type = g_strdup (content_type);
  fetch->data = g_byte_array_new ();
  g_input_stream_read_bytes_async (fetch->stream, 64 * 1024, G_PRIORITY_LOW, NULL,
                                   image_read_cb, fetch);
}

static void
fetch_remote_image (WebKitURISchemeRequest *request,
                    const char             *url)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  ImageFetch *fetch;

  if (message == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                     "Not an image URL");

      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  fetch = g_new0 (ImageFetch, 1);
  fetch->request = g_object_ref (request);
  soup_message_headers_append (soup_message_get_request_headers (message), "Accept", "image/*");
  soup_session_send_async (get_image_session (), message, G_PRIORITY_LOW, NULL, image_sent_cb,
                           fetch);
}

static gboolean
request_allows_remote (WebKitURISchemeRequest *request)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);

  return web_view != NULL && g_object_get_data (G_OBJECT (web_view), DATA_LOAD_REMOTE) != NULL;
}

/* What a missing image shows: a quiet frame, not a broken-image glyph. */
static const char placeholder_svg[] =
  "<svg xmlns='http://www.w3.org/2000/svg' width='1200' height='675' viewBox='0 0 1200 675'>"
  "<rect width='1200' height='675' fill='#888' fill-opacity='0.12'/>"
  "<path d='M540 290h120v95H540z' fill='none' stroke='#888' stroke-opacity='0.5' stroke-width='8'/>"
  "<path d='M548 378l38-40 26 26 18-16 26 30' fill='none' stroke='#888' stroke-opacity='0.5' "
  "stroke-width='8'/></svg>";

static void
finish_with_placeholder (WebKitURISchemeRequest *request)
{
  g_autoptr(GInputStream) stream = NULL;

  stream = g_memory_input_stream_new_from_data (placeholder_svg, sizeof placeholder_svg - 1, NULL);
  webkit_uri_scheme_request_finish (request, stream, sizeof placeholder_svg - 1, "image/svg+xml");
}

static void
cached_image_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  const char *content_type;
  gsize size;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, NULL);
  if (bytes == NULL)
    {
      g_autofree char *url = story_image_url_from_uri (webkit_uri_scheme_request_get_uri (request));

      /* Not cached (yet): only a view built for remote content may fetch it;
       * otherwise, offline or not, nothing is fetched from here. */
      if (request_allows_remote (request))
        fetch_remote_image (request, url);
      else
        finish_with_placeholder (request);
      return;
    }

  content_type = story_image_cache_sniff (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  if (content_type == NULL)
    {
      finish_with_placeholder (request);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  webkit_uri_scheme_request_finish (request, stream, size, content_type);
}

/* storyline://image/<escaped URL>: images come from the app, never from the
 * page's own requests. The bundled sample's images live in the GResource;
 * other images come from the offline cache, read off the main thread, or,
 * only in a view built for remote content and when not cached, from the network. */
static void
handle_scheme_request (WebKitURISchemeRequest *request,
                       gpointer                user_data)
{
  StoryImageCache *cache = user_data;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autofree char *url = story_image_url_from_uri (uri);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gsize size = 0;

  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      g_autofree char *file_path = story_image_cache_dup_path (cache, url);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);

      g_file_load_bytes_async (file, NULL, cached_image_loaded_cb, g_object_ref (request));
      return;
    }

  if (url == NULL || !g_str_has_prefix (url, SAMPLE_RESOURCE_PREFIX) ||
      strstr (url, "..") != NULL)
    {
      finish_with_placeholder (request);
      return;
    }

  path = url + strlen ("resource://");
  if (g_resources_get_info (path, 0, &size, NULL, &error))
    stream = g_resources_open_stream (path, 0, &error);

  if (stream == NULL)
    {
      finish_with_placeholder (request);
      return;
    }

  webkit_uri_scheme_request_finish (request, stream, size, content_type_for_path (path));
}

static void
ensure_scheme_registered (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      WebKitWebContext *context = webkit_web_context_get_default ();
      WebKitSecurityManager *security = webkit_web_context_get_security_manager (context);

      g_autofree char *dir = story_image_cache_dup_default_dir ();

      webkit_web_context_register_uri_scheme (context, "storyline", handle_scheme_request,
                                              story_image_cache_new (dir), g_object_unref);
      webkit_security_manager_register_uri_scheme_as_secure (security, "storyline");
      g_once_init_leave (&once, 1);
    }
}

/* WebKit's own hardware acceleration policy, used while the user leaves it on. */
static WebKitHardwareAccelerationPolicy default_acceleration_policy;

static WebKitSettings *
get_shared_settings (void)
{
  static WebKitSettings *settings = NULL;

  if (settings == NULL)
    {
      settings = g_object_new (WEBKIT_TYPE_SETTINGS,
                               "enable-javascript-markup", FALSE,
                               "enable-html5-local-storage", FALSE,
                               "enable-html5-database", FALSE,
                               "enable-page-cache", FALSE,
                               "enable-webgl", FALSE,
                               "enable-webaudio", FALSE,
                               "enable-developer-extras", FALSE,
                               "enable-back-forward-navigation-gestures", FALSE,
                               "allow-file-access-from-file-urls", FALSE,
                               "allow-universal-access-from-file-urls", FALSE,
                               "allow-modal-dialogs", FALSE,
                               "javascript-can-open-windows-automatically", FALSE,
                               "javascript-can-access-clipboard", FALSE,
                               "media-playback-requires-user-gesture", TRUE,
                               "zoom-text-only", TRUE,
                               "default-charset", "utf-8",
                               NULL);
      default_acceleration_policy = webkit_settings_get_hardware_acceleration_policy (settings);
    }

  return settings;
}

static WebKitNetworkSession *
get_shared_network_session (void)
{
  static WebKitNetworkSession *session = NULL;

  /* Ephemeral: no cookies, cache or storage of article pages reach the disk. */
  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();

  return session;
}

/* Returns: a CSS font-family value, or NULL for the stylesheet's own */
static char *
dup_font_family (StoryReaderView *self)
{
  g_autofree char *name = NULL;
  g_autofree char *family = NULL;

  if (self->settings != NULL)
    name = g_settings_get_string (self->settings, "article-font");

  if ((name == NULL || name[0] == '\0') && self->desktop_settings != NULL)
    {
      g_autofree char *desktop_font = g_settings_get_string (self->desktop_settings,
                                                             "document-font-name");
      PangoFontDescription *description = pango_font_description_from_string (desktop_font);

      g_free (name);
      name = g_strdup (pango_font_description_get_family (description));
      pango_font_description_free (description);
    }

  if (name == NULL || name[0] == '\0')
    return NULL;

  if (g_strcmp0 (name, "serif") == 0 || g_strcmp0 (name, "sans-serif") == 0)
    return g_steal_pointer (&name);

  /* A family name goes into a CSS string: keep only characters that cannot end it. */
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (" -_.", *p) == NULL)
      return NULL;

  family = g_strdup_printf ("\"%s\", sans-serif", name);
  return g_steal_pointer (&family);
}

/* Returns: the CSS max-width of the article column for the "article-width" key */
static const char *
get_measure (StoryReaderView *self)
{
  g_autofree char *width = NULL;

  if (self->settings != NULL)
    width = g_settings_get_string (self->settings, "article-width");

  if (g_strcmp0 (width, "narrow") == 0)
    return "30em";
  if (g_strcmp0 (width, "wide") == 0)
    return "48em";
  return "38em";
}

static void
update_style_sheets (StoryReaderView *self)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (self->web_view);
  g_autoptr(WebKitUserStyleSheet) sheet = NULL;
  g_autoptr(GBytes) css = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *family = dup_font_family (self);
  g_autofree char *text = NULL;

  css = g_resources_lookup_data (RESOURCE_BASE "/article.css", 0, &error);
  if (css == NULL)
    {
      g_critical ("The article stylesheet is missing: %s", error->message);
      return;
    }

  text = g_strdup_printf ("%.*s\n:root { --article-measure: %s; %s%s%s }\n",
                          (int)g_bytes_get_size (css),
                          (const char *)g_bytes_get_data (css, NULL),
                          get_measure (self),
                          family != NULL ? "--article-font: " : "",
                          family != NULL ? family : "",
                          family != NULL ? ";" : "");

  webkit_user_content_manager_remove_all_style_sheets (manager);
  sheet = webkit_user_style_sheet_new (text, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                       WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (manager, sheet);
}

static gboolean
is_external_link (const char *uri)
{
  return g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://") ||
         g_str_has_prefix (uri, "mailto:");
}

static gboolean
render_idle_cb (gpointer user_data)
{
  StoryReaderView *self = user_data;

  if (self->web_view != NULL)
    render (self);

  return G_SOURCE_REMOVE;
}

static gint64
load_remote_id_from_uri (const char *uri)
{
  guint64 id;

  if (!g_str_has_prefix (uri, STORY_LOAD_REMOTE_URI_PREFIX) ||
      !g_ascii_string_to_unsigned (uri + strlen (STORY_LOAD_REMOTE_URI_PREFIX), 10, 1,
                                   G_MAXINT64, &id, NULL))
    return 0;

  return (gint64)id;
}

static void
handle_link (StoryReaderView *self,
             const char      *uri)
{
  gint64 article_id = story_article_id_from_uri (uri);
  gint64 remote_id = load_remote_id_from_uri (uri);
  gboolean handled = FALSE;

  if (article_id > 0)
    {
      g_signal_emit (self, signals[OPEN_ARTICLE], 0, article_id);
      return;
    }

  /* A click-to-load placeholder: this article, once more, with its embeds.
   * That needs another web view, so it happens once this one's signal is over. */
  if (remote_id > 0)
    {
      if (self->article != NULL && story_article_get_id (self->article) == remote_id)
        {
          self->remote_article_id = remote_id;
          g_idle_add_full (G_PRIORITY_DEFAULT, render_idle_cb, g_object_ref (self),
                           g_object_unref);
        }
      return;
    }

  if (is_external_link (uri))
    g_signal_emit (self, signals[OPEN_EXTERNAL], 0, uri, &handled);
  else
    g_debug ("Ignoring a link with an unsupported scheme");
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  StoryReaderView          *self)
{
  WebKitNavigationAction *action;
  WebKitNavigationType navigation_type;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);
  navigation_type = webkit_navigation_action_get_navigation_type (action);

  /* Only the pages the pane itself loads may navigate, each once: a second
   * render can start before the first one's navigation is decided, and a
   * page that refreshes itself must not load again. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      navigation_type == WEBKIT_NAVIGATION_TYPE_OTHER &&
      !webkit_navigation_action_is_user_gesture (action) &&
      self->pending_loads > 0 && g_strcmp0 (uri, self->expected_uri) == 0)
    {
      self->pending_loads--;
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  /* With remote content on, an allowlisted embed loads in its frame. Should
   * such a load ever target the pane itself, load_changed_cb puts the
   * article back. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      navigation_type == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_object_get_data (G_OBJECT (web_view), DATA_LOAD_REMOTE) != NULL &&
      story_article_page_is_embed_url (uri))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* Link clicks, including middle and Ctrl+clicks, which ask for a new window. */
  if (navigation_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
      type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    handle_link (self, uri);

  return TRUE;
}

static void render (StoryReaderView *self);

static gboolean
render_again_cb (gpointer user_data)
{
  StoryReaderView *self = user_data;

  self->render_again_id = 0;
  self->loading = FALSE;
  render (self);

  return G_SOURCE_REMOVE;
}

/* The page at @uri is in place, or will not be: when it is the one
 * rendered last, a render that waited for it goes now. */
static void
page_settled (StoryReaderView *self,
              const char      *uri)
{
  if (!self->loading || g_strcmp0 (uri, self->expected_uri) != 0)
    return;

  self->loading = FALSE;
  if (self->render_again_id != 0)
    {
      g_source_remove (self->render_again_id);
      self->render_again_id = g_idle_add (render_again_cb, self);
    }
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                StoryReaderView *self)
{
  if (event == WEBKIT_LOAD_STARTED)
    page_settled (self, failing_uri);

  return FALSE;
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 StoryReaderView *self)
{
  const char *uri = webkit_web_view_get_uri (web_view);

  /* The page is in place: a render that waited for it goes. */
  if (event == WEBKIT_LOAD_COMMITTED)
    page_settled (self, uri);

  if (event != WEBKIT_LOAD_COMMITTED || self->article == NULL)
    return;

  /* The last guard: the pane only ever shows an article page. */
  if (uri == NULL || !g_str_has_prefix (uri, STORY_ARTICLE_URI_PREFIX))
    {
      g_warning ("The reading pane left its article; showing the article again");
      webkit_web_view_stop_loading (web_view);
      render (self);
    }
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 StoryReaderView     *self)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Keep copying and link actions; drop navigation, reload and inspection. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
          break;

        default:
          if (!webkit_context_menu_item_is_separator (item))
            webkit_context_menu_remove (menu, item);
        }
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

static const char *
style_class (StoryReaderView *self)
{
  g_autofree char *theme = NULL;

  if (self->settings != NULL)
    theme = g_settings_get_string (self->settings, "article-theme");

  if (g_strcmp0 (theme, "light") == 0)
    return "light";
  if (g_strcmp0 (theme, "dark") == 0)
    return "dark";
  if (g_strcmp0 (theme, "sepia") == 0)
    return "sepia";

  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light";
}

static gboolean
wants_remote (StoryReaderView *self)
{
  return self->article != NULL &&
         (self->load_remote || story_article_get_id (self->article) == self->remote_article_id);
}

static void web_process_terminated_cb (WebKitWebView                     *web_view,
                                       WebKitWebProcessTerminationReason  reason,
                                       StoryReaderView                   *self);

static void
create_web_view (StoryReaderView *self,
                 gboolean         load_remote)
{
  g_autoptr(WebKitUserContentManager) content_manager = webkit_user_content_manager_new ();
  GdkRGBA transparent = { 0, 0, 0, 0 };

  g_debug ("Building a web view for %s", load_remote ? "remote content" : "local content only");
  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      adw_toast_overlay_set_child (self->toast_overlay, NULL);
      self->web_view = NULL;
    }

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", get_shared_network_session (),
                                 "settings", get_shared_settings (),
                                 "user-content-manager", content_manager,
                                 "default-content-security-policy",
                                 load_remote ? STORY_ARTICLE_CSP_REMOTE : STORY_ARTICLE_CSP_STRICT,
                                 "zoom-level", self->zoom_level,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  if (load_remote)
    g_object_set_data (G_OBJECT (self->web_view), DATA_LOAD_REMOTE, GINT_TO_POINTER (TRUE));
  webkit_web_view_set_background_color (self->web_view, &transparent);
  self->loading = FALSE;
  update_style_sheets (self);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->web_view));

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);
}

static void
render (StoryReaderView *self)
{
  g_autofree char *html = NULL;
  g_autofree char *uri = NULL;
  gboolean remote;

  if (self->article == NULL)
    return;

  remote = wants_remote (self);
  if (remote != (g_object_get_data (G_OBJECT (self->web_view), DATA_LOAD_REMOTE) != NULL))
    {
      create_web_view (self, remote);
      self->pending_loads = 0;
    }

  /* A second load of the same page while the first is not committed yet
   * (the article, then the words that say why it is in its theme, 30 ms
   * later, while the web process starts) sometimes ended showing the first:
   * WebKit decided both navigations but committed one. Such a render waits
   * for the page before it, a second at most, and then shows what is
   * current. Another article's page goes at once: the older navigation, not
   * the expected page any more, is refused (decide_policy_cb). */
  uri = story_article_uri_for_id (story_article_get_id (self->article));
  if (self->loading && g_strcmp0 (uri, self->expected_uri) == 0)
    {
      if (self->render_again_id == 0)
        self->render_again_id = g_timeout_add (RENDER_WAIT_MS, render_again_cb, self);
      return;
    }
  g_clear_handle_id (&self->render_again_id, g_source_remove);

  html = story_article_page_render (self->article, self->related,
                                    (const char * const *)self->theme_terms, style_class (self),
                                    remote,
                                    g_get_real_time () / G_USEC_PER_SEC);

  if (g_strcmp0 (uri, self->expected_uri) != 0)
    {
      g_free (self->expected_uri);
      self->expected_uri = g_steal_pointer (&uri);
      self->pending_loads = 0;
    }
  self->pending_loads++;
  self->loading = TRUE;
  webkit_web_view_load_html (self->web_view, html, self->expected_uri);
}

static guint
count_recent_crashes (StoryReaderView *self,
                      gint64           now)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->crash_times); i++)
    if (self->crash_times[i] != 0 && now - self->crash_times[i] < CRASH_WINDOW_USEC)
      n++;

  return n;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           StoryReaderView                   *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean offer;

  g_warning ("The web process of the reading pane ended (reason %d); reloading the article",
             reason);

  memmove (self->crash_times + 1, self->crash_times,
           sizeof self->crash_times - sizeof self->crash_times[0]);
  self->crash_times[0] = now;

  /* Crashing again and again is most often the graphics driver. */
  offer = count_recent_crashes (self, now) >= CRASHES_BEFORE_OFFER &&
          webkit_settings_get_hardware_acceleration_policy (get_shared_settings ()) !=
          WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER;

  gtk_label_set_label (self->banner_label,
                       offer ? _("The article view keeps stopping unexpectedly. Turning off "
                                 "hardware acceleration may help.")
                             : _("The article view stopped unexpectedly. It was reloaded."));
  gtk_widget_set_visible (self->banner_button, offer);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), TRUE);

  /* What was loading went with the process. */
  self->loading = FALSE;
  render (self);
}

static void
banner_close_cb (StoryReaderView *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);
}

/* The "hardware-acceleration" key, applied to every reading pane's WebKit
 * settings; it is read at start, so the choice outlives the session. */
static void
acceleration_changed_cb (StoryReaderView *self)
{
  g_autoptr(GVariant) chosen = g_settings_get_user_value (self->settings, "hardware-acceleration");
  gboolean on;

  /* Left to Storyline, the pane draws with the graphics card only where one can be
   * reached: without one, WebKit's compositor would run on Mesa's software rasterizer,
   * slower than drawing without it, and its thread crashed there again and again (seen
   * under Xvfb with llvmpipe). The user's own choice, either way, always wins. */
  if (chosen != NULL)
    on = g_variant_get_boolean (chosen);
  else
    on = story_application_pick_renderer ("/dev/dri") == NULL;

  webkit_settings_set_hardware_acceleration_policy (get_shared_settings (),
                                                    on ? default_acceleration_policy
                                                       : WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
}

static void
hardware_acceleration_off_cb (StoryReaderView *self)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "hardware-acceleration", FALSE);
  webkit_settings_set_hardware_acceleration_policy (get_shared_settings (),
                                                    WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
  memset (self->crash_times, 0, sizeof self->crash_times);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);
  render (self);
}

static void
appearance_changed_cb (StoryReaderView *self)
{
  render (self);
}

static void
font_changed_cb (StoryReaderView *self)
{
  update_style_sheets (self);
  render (self);
}

static gboolean
story_reader_view_real_open_external (StoryReaderView *self,
                                      const char      *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  return TRUE;
}

static void
story_reader_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StoryReaderView *self = STORY_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM_LEVEL:
      g_value_set_double (value, self->zoom_level);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_reader_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StoryReaderView *self = STORY_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM_LEVEL:
      story_reader_view_set_zoom_level (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
story_reader_view_dispose (GObject *object)
{
  StoryReaderView *self = (StoryReaderView *)object;
  GtkWidget *child;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_handle_id (&self->render_again_id, g_source_remove);
  if (self->web_view != NULL)
    g_signal_handlers_disconnect_by_data (self->web_view, self);
  self->web_view = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->settings != NULL)
    g_settings_unbind (self, "zoom-level");
  g_clear_object (&self->settings);
  g_clear_object (&self->desktop_settings);
  g_clear_object (&self->article);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->theme_terms, g_strfreev);
  g_clear_pointer (&self->expected_uri, g_free);

  G_OBJECT_CLASS (story_reader_view_parent_class)->dispose (object);
}

static void
story_reader_view_class_init (StoryReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_reader_view_dispose;
  object_class->get_property = story_reader_view_get_property;
  object_class->set_property = story_reader_view_set_property;

  /**
   * StoryReaderView:zoom-level:
   *
   * The text size of the reading pane, 1.0 being the normal size.
   */
  properties[PROP_ZOOM_LEVEL] =
    g_param_spec_double ("zoom-level", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StoryReaderView::open-article:
   * @article_id: the article a "More on this theme" link points at
   */
  signals[OPEN_ARTICLE] =
    g_signal_new ("open-article", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * StoryReaderView::open-external:
   * @uri: a link the user clicked; it opens in the desktop browser
   */
  signals[OPEN_EXTERNAL] =
    g_signal_new_class_handler ("open-external", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (story_reader_view_real_open_external),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
create_banner (StoryReaderView *self)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  self->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->banner_label, TRUE);
  gtk_label_set_xalign (self->banner_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->banner_label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_label));

  self->banner_button = gtk_button_new_with_mnemonic (_("Turn Off _Hardware Acceleration"));
  gtk_widget_set_valign (self->banner_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->banner_button, FALSE);
  g_signal_connect_swapped (self->banner_button, "clicked",
                            G_CALLBACK (hardware_acceleration_off_cb), self);
  gtk_box_append (GTK_BOX (box), self->banner_button);

  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (banner_close_cb), self);
  gtk_box_append (GTK_BOX (box), close);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (revealer, "reader-banner");
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);

  return revealer;
}

static void
story_reader_view_init (StoryReaderView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->zoom_level = 1.0;

  ensure_scheme_registered ();

  self->banner = create_banner (self);
  gtk_widget_set_parent (self->banner, GTK_WIDGET (self));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->toast_overlay), GTK_WIDGET (self));

  create_web_view (self, FALSE);

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (appearance_changed_cb), self);
}

GtkWidget *
story_reader_view_new (void)
{
  return g_object_new (STORY_TYPE_READER_VIEW, NULL);
}

/**
 * story_reader_view_set_settings:
 * @settings: the application's settings
 *
 * Follows the article theme and font in @settings, and keeps the text size
 * in it.
 */
void
story_reader_view_set_settings (StoryReaderView *self,
                                GSettings       *settings)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) desktop_schema = NULL;

  g_return_if_fail (STORY_IS_READER_VIEW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "article-font-size", self, "zoom-level", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::article-theme",
                           G_CALLBACK (appearance_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::article-font",
                           G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::article-width",
                           G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::hardware-acceleration",
                           G_CALLBACK (acceleration_changed_cb), self, G_CONNECT_SWAPPED);
  acceleration_changed_cb (self);

  /* The desktop's document font, where the desktop has one. */
  if (source != NULL)
    desktop_schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (desktop_schema != NULL && g_settings_schema_has_key (desktop_schema, "document-font-name"))
    {
      self->desktop_settings = g_settings_new_full (desktop_schema, NULL, NULL);
      g_signal_connect_object (self->desktop_settings, "changed::document-font-name",
                               G_CALLBACK (font_changed_cb), self, G_CONNECT_SWAPPED);
    }

  font_changed_cb (self);
}

/**
 * story_reader_view_show_article:
 * @article: an article with its body
 * @related: (element-type StoryArticle) (nullable): "More on this theme"
 * @load_remote: whether the article's source allows remote content
 */
void
story_reader_view_show_article (StoryReaderView *self,
                                StoryArticle    *article,
                                GPtrArray       *related,
                                gboolean         load_remote)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));
  g_return_if_fail (STORY_IS_ARTICLE (article));

  g_set_object (&self->article, article);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  if (related != NULL)
    self->related = g_ptr_array_ref (related);
  /* The words belonged to the article shown before. */
  g_clear_pointer (&self->theme_terms, g_strfreev);
  self->load_remote = !!load_remote;

  render (self);
}

/**
 * story_reader_view_set_theme_terms:
 * @terms: (nullable) (array zero-terminated=1): the words the shown article
 *   shares with its theme
 *
 * Says under the theme's name why the shown article is in it. The words
 * take a while to find, so they come after the article.
 */
void
story_reader_view_set_theme_terms (StoryReaderView    *self,
                                   const char * const *terms)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));

  if (self->theme_terms == NULL && (terms == NULL || terms[0] == NULL))
    return;
  if (self->theme_terms != NULL && terms != NULL &&
      g_strv_equal ((const char * const *)self->theme_terms, terms))
    return;

  g_clear_pointer (&self->theme_terms, g_strfreev);
  if (terms != NULL && terms[0] != NULL)
    self->theme_terms = g_strdupv ((char **)terms);

  render (self);
}

/* Changes whether the shown article's source allows remote content. */
void
story_reader_view_set_load_remote (StoryReaderView *self,
                                   gboolean         load_remote)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));

  if (self->load_remote == !!load_remote)
    return;

  self->load_remote = !!load_remote;
  if (!load_remote)
    self->remote_article_id = 0;
  render (self);
}

gboolean
story_reader_view_get_load_remote (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), FALSE);

  return self->load_remote;
}

StoryArticle *
story_reader_view_get_article (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), NULL);

  return self->article;
}

/**
 * story_reader_view_get_web_view:
 *
 * The pane replaces its web view when an article needs another
 * content-security policy, so do not keep the result.
 *
 * Returns: (transfer none): the web view showing the article
 */
WebKitWebView *
story_reader_view_get_web_view (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), NULL);

  return self->web_view;
}

double
story_reader_view_get_zoom_level (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), 1.0);

  return self->zoom_level;
}

void
story_reader_view_set_zoom_level (StoryReaderView *self,
                                  double           zoom_level)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));

  zoom_level = CLAMP (zoom_level, zoom_steps[0], zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  if (G_APPROX_VALUE (self->zoom_level, zoom_level, 0.001))
    return;

  self->zoom_level = zoom_level;
  webkit_web_view_set_zoom_level (self->web_view, zoom_level);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_LEVEL]);
}

void
story_reader_view_zoom_in (StoryReaderView *self)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom_level + 0.001)
      {
        story_reader_view_set_zoom_level (self, zoom_steps[i]);
        return;
      }
}

void
story_reader_view_zoom_out (StoryReaderView *self)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom_level - 0.001)
      {
        story_reader_view_set_zoom_level (self, zoom_steps[i - 1]);
        return;
      }
}

/* Returns: (nullable): the sentence the pane's banner shows, if it is shown */
const char *
story_reader_view_get_status_message (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), NULL);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->banner)))
    return NULL;

  return gtk_label_get_label (self->banner_label);
}

void
story_reader_view_add_toast (StoryReaderView *self,
                             AdwToast        *toast)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
