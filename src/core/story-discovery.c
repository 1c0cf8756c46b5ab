/* story-discovery.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turns an address a user pasted into something to subscribe to: a JSON Feed
 * itself, the feeds a web page announces with
 * <link rel="alternate" type="application/feed+json" href="…">, a WordPress
 * site's REST API, a query of a known news API (The Guardian, NewsAPI,
 * GNews), or a Miniflux server; and whether it needs an API key. */

#define G_LOG_DOMAIN "story-discovery"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "story-discovery.h"
#include "story-json-feed.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-sanitizer.h"
#include "story-secrets.h"
#include "story-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_QUARK (story-discovery-error-quark, story_discovery_error)

#define DISCOVERY_ACCEPT \
  "application/feed+json, application/json;q=0.9, text/html;q=0.8, */*;q=0.1"

void
story_feed_link_free (StoryFeedLink *link)
{
  if (link == NULL)
    return;

  g_free (link->url);
  g_free (link->title);
  g_free (link);
}

void
story_discovery_free (StoryDiscovery *discovery)
{
  if (discovery == NULL)
    return;

  g_free (discovery->feed_url);
  g_free (discovery->feed_title);
  g_free (discovery->kind);
  if (discovery->api_key != NULL)
    memset (discovery->api_key, 0, strlen (discovery->api_key));
  g_free (discovery->api_key);
  g_clear_pointer (&discovery->links, g_ptr_array_unref);
  g_free (discovery);
}

/**
 * story_discovery_normalize_url:
 * @text: what the user typed or pasted
 *
 * Trims @text and adds https:// to a bare host name ("example.com/feed.json").
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when @text is empty
 */
char *
story_discovery_normalize_url (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *scheme = NULL;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  scheme = g_uri_parse_scheme (trimmed);
  if (scheme != NULL)
    return g_steal_pointer (&trimmed);

  if (g_str_has_prefix (trimmed, "//"))
    return g_strconcat ("https:", trimmed, NULL);

  return g_strconcat ("https://", trimmed, NULL);
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *)name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup ((const char *)value));
  xmlFree (value);

  return copy;
}

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = NULL;

  if (list == NULL)
    return FALSE;

  tokens = g_strsplit_set (list, " \t\r\n", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_feed_type (const char *type)
{
  g_autofree char *media_type = NULL;
  const char *semicolon;

  if (type == NULL)
    return FALSE;

  semicolon = strchr (type, ';');
  media_type = g_strstrip (g_strndup (type, semicolon ? (gsize)(semicolon - type)
                                                      : strlen (type)));

  return g_ascii_strcasecmp (media_type, "application/feed+json") == 0 ||
         g_ascii_strcasecmp (media_type, "application/json") == 0;
}

/* What a page's <head> announces, walked once: JSON Feeds into @links (when
 * not %NULL), and the first WordPress REST API root into *@api_url (when not
 * %NULL). A <base> changes how what follows it resolves. */
typedef struct
{
  char       *base_url;
  GPtrArray  *links;
  GHashTable *seen;
  char      **api_url;
} PageScan;

static void
scan_nodes (PageScan *scan,
            xmlNode  *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (g_ascii_strcasecmp ((const char *)node->name, "base") == 0)
        {
          g_autofree char *href = get_attribute (node, "href");
          g_autofree char *resolved = NULL;

          if (!story_str_empty (href))
            resolved = story_resolve_url (scan->base_url, href);
          if (resolved != NULL)
            story_set_str (&scan->base_url, resolved);
        }
      else if (g_ascii_strcasecmp ((const char *)node->name, "link") == 0)
        {
          g_autofree char *rel = get_attribute (node, "rel");
          g_autofree char *href = get_attribute (node, "href");

          if (story_str_empty (href))
            continue;

          if (scan->api_url != NULL && *scan->api_url == NULL &&
              has_token (rel, "https://api.w.org/"))
            *scan->api_url = story_resolve_url (scan->base_url, href);

          if (scan->links != NULL && has_token (rel, "alternate"))
            {
              g_autofree char *type = get_attribute (node, "type");
              g_autofree char *resolved = NULL;
              StoryFeedLink *link;

              if (!is_feed_type (type))
                continue;

              /* Not g_uri_resolve_relative(): a hostile base with dot segments
               * ("http:/..//x") makes it build a URI GLib itself refuses. */
              resolved = story_resolve_url (scan->base_url, href);
              if (resolved == NULL || !g_hash_table_add (scan->seen, g_strdup (resolved)))
                continue;

              link = g_new0 (StoryFeedLink, 1);
              link->url = g_steal_pointer (&resolved);
              link->title = get_attribute (node, "title");
              if (story_str_empty (link->title))
                g_clear_pointer (&link->title, g_free);
              g_ptr_array_add (scan->links, link);
            }
        }

      scan_nodes (scan, node->children);
    }
}

static void
scan_page (const char  *html,
           gsize        length,
           const char  *base_url,
           GPtrArray   *links,
           char       **api_url)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PageScan scan = { g_strdup (base_url), links, seen, api_url };
  g_autoptr(xmlDoc) doc = NULL;

  if (length == 0 || length > G_MAXINT)
    {
      g_free (scan.base_url);
      return;
    }

  doc = htmlReadMemory (html, (int)length, base_url, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
  if (doc != NULL)
    scan_nodes (&scan, xmlDocGetRootElement (doc));
  g_free (scan.base_url);
}

/**
 * story_discovery_find_links:
 * @html: (array length=length): a web page
 * @base_url: where the page came from, to resolve relative links
 *
 * Returns: (transfer full) (element-type StoryFeedLink): the JSON Feeds the
 *   page announces, in document order, without duplicates
 */
GPtrArray *
story_discovery_find_links (const char *html,
                            gsize       length,
                            const char *base_url)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify)story_feed_link_free);

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  scan_page (html, length, base_url, links, NULL);
  return links;
}

/**
 * story_discovery_find_wordpress_api:
 * @html: (array length=length): a web page
 * @base_url: where the page came from
 *
 * Returns: (transfer full) (nullable): the root of the REST API a WordPress
 *   site announces with <link rel="https://api.w.org/" href="…/wp-json/">
 */
char *
story_discovery_find_wordpress_api (const char *html,
                                    gsize       length,
                                    const char *base_url)
{
  char *api_url = NULL;

  g_return_val_if_fail (html != NULL || length == 0, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  scan_page (html, length, base_url, NULL, &api_url);
  return api_url;
}

/* Link: <https://example.org/wp-json/>; rel="https://api.w.org/" */
static char *
api_from_link_header (const char *header,
                      const char *base_url)
{
  g_auto(GStrv) links = NULL;

  if (header == NULL)
    return NULL;

  links = g_strsplit (header, ",", -1);
  for (guint i = 0; links[i] != NULL; i++)
    {
      const char *open = strchr (links[i], '<');
      const char *close = open ? strchr (open, '>') : NULL;
      g_autofree char *target = NULL;

      if (close == NULL || strstr (close, "rel=\"https://api.w.org/\"") == NULL)
        continue;

      target = g_strndup (open + 1, close - open - 1);
      return story_resolve_url (base_url, target);
    }

  return NULL;
}

/* The posts of a WordPress site whose REST API root is @api_url, named after
 * the site as the API says, when it is one. */
static gboolean
check_wordpress (StoryHttp       *http,
                 const char      *api_url,
                 StoryDiscovery  *discovery,
                 GCancellable    *cancellable)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *root_url = NULL;
  StoryHttpRequest request = { NULL, "application/json" };
  JsonObject *root;
  JsonArray *namespaces;
  gboolean has_v2 = FALSE;

  root_url = g_str_has_suffix (api_url, "/") ? g_strdup (api_url)
                                             : g_strconcat (api_url, "/", NULL);
  request.url = root_url;
  response = story_http_get (http, &request, NULL, cancellable, NULL);
  if (response == NULL || response->body == NULL)
    return FALSE;

  parser = story_provider_load_json (response->body, NULL);
  root = parser ? story_json_node_object (json_parser_get_root (parser)) : NULL;
  namespaces = story_json_get_array (root, "namespaces");
  for (guint i = 0; namespaces != NULL && i < json_array_get_length (namespaces); i++)
    {
      JsonNode *node = json_array_get_element (namespaces, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), "wp/v2"))
        has_v2 = TRUE;
    }
  if (!has_v2)
    return FALSE;

  discovery->kind = g_strdup (STORY_PROVIDER_WORDPRESS);
  discovery->feed_url = g_strconcat (root_url, "wp/v2/posts", NULL);
  discovery->feed_title = story_provider_clean_text (story_json_get_string (root, "name"), 200);

  return TRUE;
}

/* A Miniflux server answers /v1/me, with a 401 and its own error body to
 * anyone without a key. */
static gboolean
check_miniflux (StoryHttp       *http,
                const char      *url,
                StoryDiscovery  *discovery,
                GCancellable    *cancellable)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autofree char *base = g_strndup (url, strcspn (url, "?#"));
  g_autofree char *me = NULL;
  g_autofree char *message = NULL;
  StoryHttpRequest request = { NULL, "application/json" };

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  if (g_str_has_suffix (base, "/v1"))
    base[strlen (base) - 3] = '\0';
  me = g_strconcat (base, "/v1/me", NULL);

  request.url = me;
  request.keep_error_body = TRUE;
  response = story_http_get (http, &request, NULL, cancellable, NULL);
  if (response == NULL || (response->status != 401 && response->status != 200))
    return FALSE;

  message = story_provider_service_message (response->body, "error_message");
  if (message == NULL && response->status == 401)
    return FALSE;
  if (response->status == 200)
    {
      g_autoptr(JsonParser) parser = story_provider_load_json (response->body, NULL);
      JsonObject *root = parser ? story_json_node_object (json_parser_get_root (parser)) : NULL;

      if (story_json_get_string (root, "username") == NULL)
        return FALSE;
    }

  discovery->kind = g_strdup (STORY_PROVIDER_MINIFLUX);
  discovery->feed_url = g_strconcat (base, "/", NULL);
  discovery->feed_title = g_strdup (story_provider_get_display_name (&story_provider_miniflux));
  discovery->needs_api_key = TRUE;

  return TRUE;
}

/* Nextcloud's News app says which API versions it has, to anyone:
 * {"apiLevels":["v1-2","v1-3"]}. */
static gboolean
check_nextcloud_news (StoryHttp       *http,
                      const char      *url,
                      StoryDiscovery  *discovery,
                      GCancellable    *cancellable)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *base = g_strndup (url, strcspn (url, "?#"));
  g_autofree char *levels_url = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *plain = NULL;
  StoryHttpRequest request = { NULL, "application/json" };
  JsonArray *levels;
  gboolean has_v1_3 = FALSE;
  char *api;

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  api = strstr (base, "/index.php/apps/news/api");
  if (api != NULL)
    *api = '\0';
  levels_url = g_strconcat (base, "/index.php/apps/news/api", NULL);

  /* The user name and password, when the address has them, are for the sync. */
  plain = story_url_split_credentials (levels_url, &credentials);
  request.url = plain;
  response = story_http_get (http, &request, NULL, cancellable, NULL);
  if (response == NULL || response->body == NULL)
    return FALSE;

  parser = story_provider_load_json (response->body, NULL);
  levels = story_json_get_array (parser ? story_json_node_object (json_parser_get_root (parser))
                                        : NULL,
                                 "apiLevels");
  for (guint i = 0; levels != NULL && i < json_array_get_length (levels); i++)
    {
      JsonNode *node = json_array_get_element (levels, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), "v1-3"))
        has_v1_3 = TRUE;
    }
  if (!has_v1_3)
    return FALSE;

  discovery->kind = g_strdup (STORY_PROVIDER_NEXTCLOUD_NEWS);
  discovery->feed_url = g_strconcat (base, "/", NULL);
  discovery->feed_title = g_strdup (story_provider_get_display_name (
                                      &story_provider_nextcloud_news));
  discovery->needs_login = credentials == NULL;
  if (credentials != NULL)
    story_str_wipe (g_steal_pointer (&credentials));

  return TRUE;
}

/* The query parameters the news APIs take their keys in. */
static const char * const key_params[] = { "api-key", "apikey", "apiKey", "token", NULL };

/* An address at a known API's host needs nothing fetched: it is a query of
 * that API, which answers nothing without a key. */
static StoryDiscovery *
discover_known_api (const StoryProvider *provider,
                    const char          *address)
{
  g_autoptr(StoryDiscovery) discovery = g_new0 (StoryDiscovery, 1);
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  g_autofree char *query_url = NULL;
  const char *path = uri ? g_uri_get_path (uri) : "";
  const char *defaults = NULL;

  discovery->links = g_ptr_array_new_with_free_func ((GDestroyNotify)story_feed_link_free);
  discovery->kind = g_strdup (provider->kind);
  discovery->needs_api_key = provider->needs_api_key;

  /* The bare host subscribes to the API's general headlines. */
  if (provider == &story_provider_guardian && (path[0] == '\0' || g_str_equal (path, "/")))
    defaults = "https://content.guardianapis.com/search";
  else if (provider == &story_provider_newsapi && !g_str_has_prefix (path, "/v2/"))
    defaults = "https://newsapi.org/v2/top-headlines?language=en";
  else if (provider == &story_provider_gnews && !g_str_has_prefix (path, "/api/v4/"))
    defaults = "https://gnews.io/api/v4/top-headlines?category=general";

  query_url = g_strdup (defaults ? defaults : address);
  discovery->feed_url = story_provider_url_strip_params (query_url, key_params,
                                                         &discovery->api_key);
  if (story_str_empty (discovery->api_key))
    g_clear_pointer (&discovery->api_key, g_free);
  discovery->feed_title = g_strdup (story_provider_get_display_name (provider));

  return g_steal_pointer (&discovery);
}

/* Servers often get the media type wrong, so the first byte has the last word:
 * a JSON Feed served as text/html is still a feed. */
static gboolean
looks_like_html (StoryHttpResponse *response)
{
  const char *data;
  gsize size;

  data = g_bytes_get_data (response->body, &size);
  while (size > 0 && g_ascii_isspace (*data))
    {
      data++;
      size--;
    }
  if (size > 0 && (*data == '{' || *data == '['))
    return FALSE;
  if (size > 0 && *data == '<')
    return TRUE;

  return g_strcmp0 (response->content_type, "text/html") == 0 ||
         g_strcmp0 (response->content_type, "application/xhtml+xml") == 0;
}

static char *
give_login (gpointer   user_data,
            GError   **error)
{
  return g_strdup (user_data);
}

/* A feed found on the server of an address that carried credentials gets
 * them too, so that subscribing to it keeps them (in the keyring); one on
 * another server does not. */
static char *
with_credentials (const char *found,
                  const char *address,
                  const char *credentials)
{
  g_autoptr(GUri) found_uri = NULL;
  g_autoptr(GUri) address_uri = NULL;
  g_autoptr(StorySecret) existing = NULL;
  const char *authority;

  g_free (story_url_split_credentials (found, &existing));
  if (credentials == NULL || existing != NULL)
    return g_strdup (found);

  found_uri = g_uri_parse (found, G_URI_FLAGS_NONE, NULL);
  address_uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  authority = strstr (found, "//");
  if (found_uri == NULL || address_uri == NULL || authority == NULL ||
      !story_uri_same_origin (found_uri, address_uri))
    return g_strdup (found);

  authority += 2;
  return g_strdup_printf ("%.*s%s@%s", (int)(authority - found), found, credentials, authority);
}

/**
 * story_discover:
 * @url: an address as the user gave it (see story_discovery_normalize_url())
 *
 * Fetches @url and says what can be subscribed to there. Blocks: call it from
 * a worker thread, or use story_discover_async().
 *
 * Returns: (transfer full): the feed, or the feeds the page links to; %NULL
 *   with @error set to a sentence saying why there is nothing to subscribe to
 */
StoryDiscovery *
story_discover (StoryHttp     *http,
                const char    *url,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(StoryDiscovery) discovery = NULL;
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GError) fetch_error = NULL;
  g_autofree char *address = story_discovery_normalize_url (url);
  const StoryProvider *known;
  g_autoptr(StorySecret) credentials = NULL;
  g_autofree char *bare = NULL;
  StoryHttpRequest request = { NULL, DISCOVERY_ACCEPT, NULL, NULL };
  const char *data;
  gsize size;

  g_return_val_if_fail (STORY_IS_HTTP (http), NULL);

  if (address == NULL)
    {
      g_set_error_literal (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_INVALID_URL,
                           _("Enter the address of a JSON Feed or of a web site"));
      return NULL;
    }

  known = story_provider_detect_url (address);
  if (known != NULL)
    return discover_known_api (known, address);

  /* Credentials in the address go to its server when it asks, as a sync
   * gives them (story-http.c), and are in no address the request shows. */
  bare = story_url_split_credentials (address, &credentials);
  request.url = bare;
  if (credentials != NULL)
    {
      request.login_func = give_login;
      request.login_data = credentials;
    }
  response = story_http_get (http, &request, NULL, cancellable, &fetch_error);
  if (response == NULL)
    {
      /* A Miniflux server's own address may well answer nothing useful. */
      if (!g_error_matches (fetch_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          discovery = g_new0 (StoryDiscovery, 1);
          discovery->links = g_ptr_array_new_with_free_func ((GDestroyNotify)story_feed_link_free);
          if (check_miniflux (http, bare, discovery, cancellable) ||
              check_nextcloud_news (http, address, discovery, cancellable))
            return g_steal_pointer (&discovery);
        }
      g_propagate_error (error, g_steal_pointer (&fetch_error));
      return NULL;
    }

  discovery = g_new0 (StoryDiscovery, 1);
  discovery->links = g_ptr_array_new_with_free_func ((GDestroyNotify)story_feed_link_free);
  data = g_bytes_get_data (response->body, &size);

  if (looks_like_html (response))
    {
      g_autofree char *api_url = NULL;

      g_ptr_array_unref (discovery->links);
      discovery->links = story_discovery_find_links (data, size, response->url);
      for (guint i = 0; i < discovery->links->len; i++)
        {
          StoryFeedLink *link = g_ptr_array_index (discovery->links, i);
          char *url_with_login = with_credentials (link->url, bare, credentials);

          g_free (link->url);
          link->url = url_with_login;
        }
      if (discovery->links->len > 0)
        {
          discovery->kind = g_strdup (STORY_PROVIDER_JSON_FEED);
          return g_steal_pointer (&discovery);
        }

      /* No JSON Feed: a WordPress site still has its REST API. */
      api_url = api_from_link_header (story_http_response_get_header (response, "Link"),
                                      response->url);
      if (api_url == NULL)
        api_url = story_discovery_find_wordpress_api (data, size, response->url);
      if (api_url != NULL && check_wordpress (http, api_url, discovery, cancellable))
        return g_steal_pointer (&discovery);

      if (check_miniflux (http, bare, discovery, cancellable) ||
          check_nextcloud_news (http, address, discovery, cancellable))
        return g_steal_pointer (&discovery);

      g_set_error_literal (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_NO_FEED,
                           _("This web page does not link to a JSON Feed"));
      return NULL;
    }

  feed = story_json_feed_parse (response->body, response->url, &parse_error);
  if (feed == NULL)
    {
      /* The REST API's root itself ("…/wp-json/"). */
      if (strstr (response->url, "wp-json") != NULL &&
          check_wordpress (http, response->url, discovery, cancellable))
        return g_steal_pointer (&discovery);

      if (response->content_type != NULL && !g_str_has_suffix (response->content_type, "json") &&
          !g_str_has_prefix (response->content_type, "text/"))
        g_set_error (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_NOT_A_FEED,
                     _("This address leads to a file of type “%s”, not to a JSON Feed"),
                     response->content_type);
      else
        g_set_error_literal (error, STORY_DISCOVERY_ERROR, STORY_DISCOVERY_ERROR_NOT_A_FEED,
                             parse_error->message);
      return NULL;
    }

  /* Subscribe to where the feed now lives when it moved for good. */
  discovery->feed_url = response->permanent_url != NULL
                          ? with_credentials (response->permanent_url, bare, credentials)
                          : g_strdup (address);
  discovery->feed_title = g_strdup (feed->title);
  discovery->kind = g_strdup (STORY_PROVIDER_JSON_FEED);

  return g_steal_pointer (&discovery);
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  StoryDiscovery *discovery = story_discover (source_object, task_data, cancellable, &error);

  if (discovery == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, discovery, (GDestroyNotify)story_discovery_free);
}

/* Runs story_discover() on a worker thread. */
void
story_discover_async (StoryHttp           *http,
                      const char          *url,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STORY_IS_HTTP (http));

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_discover_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  g_task_run_in_thread (task, discover_thread);
}

/**
 * story_discover_finish:
 *
 * Returns: (transfer full): see story_discover()
 */
StoryDiscovery *
story_discover_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == story_discover_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
