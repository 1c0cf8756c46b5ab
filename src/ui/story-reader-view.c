/* story-reader-view.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reading pane. Article HTML is untrusted, so the pane is a sandbox:
 * the body was sanitized before it was stored, page script is off, a
 * content-security policy allows nothing but the app's own scheme, the view
 * never navigates (links go to the desktop browser), and it runs in an
 * ephemeral network session with no access to files. */

#define G_LOG_DOMAIN "story-reader"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "story-article-page.h"
#include "story-reader-view.h"
#include "story-sanitizer.h"

#define SAMPLE_RESOURCE_PREFIX "resource:///io/github/storyline/Storyline/sample/"

#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; " \
  "img-src storyline: data:; media-src 'none'; style-src 'unsafe-inline'; font-src 'none'; " \
  "connect-src 'none'; form-action 'none'; base-uri 'none'"

struct _StoryReaderView
{
  GtkWidget       parent_instance;

  WebKitWebView  *web_view;
  StoryArticle   *article;
  GPtrArray      *related;
  char           *expected_uri;  /* the one load the view may navigate to */
};

G_DEFINE_FINAL_TYPE (StoryReaderView, story_reader_view, GTK_TYPE_WIDGET)

enum {
  OPEN_ARTICLE,
  OPEN_EXTERNAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* storyline://image/<escaped URL>: images come from the app, never from the
 * page's own requests. The bundled sample's images live in the GResource;
 * other images will come from the offline cache. */
static void
handle_scheme_request (WebKitURISchemeRequest *request,
                       gpointer                user_data)
{
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autofree char *url = story_image_url_from_uri (uri);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  gsize size = 0;

  if (url == NULL || !g_str_has_prefix (url, SAMPLE_RESOURCE_PREFIX) ||
      strstr (url, "..") != NULL)
    {
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                   "This image is not in the offline cache");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  path = url + strlen ("resource://");
  if (g_resources_get_info (path, 0, &size, NULL, &error))
    stream = g_resources_open_stream (path, 0, &error);

  if (stream == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
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

      webkit_web_context_register_uri_scheme (context, "storyline", handle_scheme_request,
                                              NULL, NULL);
      webkit_security_manager_register_uri_scheme_as_secure (security, "storyline");
      g_once_init_leave (&once, 1);
    }
}

static WebKitSettings *
get_shared_settings (void)
{
  static WebKitSettings *settings = NULL;

  if (settings == NULL)
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
                             "default-charset", "utf-8",
                             NULL);

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

static WebKitUserContentManager *
create_content_manager (void)
{
  WebKitUserContentManager *manager = webkit_user_content_manager_new ();
  g_autoptr(GBytes) css = NULL;
  g_autoptr(GError) error = NULL;

  css = g_resources_lookup_data (RESOURCE_BASE "/article.css", 0, &error);
  if (css == NULL)
    g_critical ("The article stylesheet is missing: %s", error->message);
  else
    {
      g_autoptr(WebKitUserStyleSheet) sheet = NULL;
      g_autofree char *text = g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css));

      sheet = webkit_user_style_sheet_new (text, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                           WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
      webkit_user_content_manager_add_style_sheet (manager, sheet);
    }

  return manager;
}

static gboolean
is_external_link (const char *uri)
{
  return g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://") ||
         g_str_has_prefix (uri, "mailto:");
}

static void
handle_link (StoryReaderView *self,
             const char      *uri)
{
  gint64 article_id = story_article_id_from_uri (uri);
  gboolean handled = FALSE;

  if (article_id > 0)
    {
      g_signal_emit (self, signals[OPEN_ARTICLE], 0, article_id);
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

  /* Only the page the pane itself loads may navigate, and only once. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      !webkit_navigation_action_is_user_gesture (action) &&
      self->expected_uri != NULL && g_strcmp0 (uri, self->expected_uri) == 0)
    {
      g_clear_pointer (&self->expected_uri, g_free);
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
      type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    handle_link (self, uri);

  return TRUE;
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
style_class (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light";
}

static void
render (StoryReaderView *self)
{
  g_autofree char *html = NULL;

  if (self->article == NULL)
    return;

  html = story_article_page_render (self->article, self->related, style_class (), FALSE,
                                    g_get_real_time () / G_USEC_PER_SEC);

  g_free (self->expected_uri);
  self->expected_uri = story_article_uri_for_id (story_article_get_id (self->article));
  webkit_web_view_load_html (self->web_view, html, self->expected_uri);
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           StoryReaderView                   *self)
{
  g_warning ("The web process of the reading pane ended (reason %d); reloading the article",
             reason);
  render (self);
}

static void
dark_changed_cb (StoryReaderView *self)
{
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
story_reader_view_dispose (GObject *object)
{
  StoryReaderView *self = (StoryReaderView *)object;

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), dark_changed_cb, self);
  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }
  g_clear_object (&self->article);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->expected_uri, g_free);

  G_OBJECT_CLASS (story_reader_view_parent_class)->dispose (object);
}

static void
story_reader_view_class_init (StoryReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = story_reader_view_dispose;

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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
story_reader_view_init (StoryReaderView *self)
{
  g_autoptr(WebKitUserContentManager) content_manager = NULL;

  ensure_scheme_registered ();
  content_manager = create_content_manager ();

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", get_shared_network_session (),
                                 "settings", get_shared_settings (),
                                 "user-content-manager", content_manager,
                                 "default-content-security-policy", CONTENT_SECURITY_POLICY,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  {
    GdkRGBA transparent = { 0, 0, 0, 0 };

    webkit_web_view_set_background_color (self->web_view, &transparent);
  }

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
story_reader_view_new (void)
{
  return g_object_new (STORY_TYPE_READER_VIEW, NULL);
}

/**
 * story_reader_view_show_article:
 * @article: an article with its body
 * @related: (element-type StoryArticle) (nullable): "More on this theme"
 */
void
story_reader_view_show_article (StoryReaderView *self,
                                StoryArticle    *article,
                                GPtrArray       *related)
{
  g_return_if_fail (STORY_IS_READER_VIEW (self));
  g_return_if_fail (STORY_IS_ARTICLE (article));

  g_set_object (&self->article, article);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  if (related != NULL)
    self->related = g_ptr_array_ref (related);

  render (self);
}

StoryArticle *
story_reader_view_get_article (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), NULL);

  return self->article;
}

WebKitWebView *
story_reader_view_get_web_view (StoryReaderView *self)
{
  g_return_val_if_fail (STORY_IS_READER_VIEW (self), NULL);

  return self->web_view;
}
