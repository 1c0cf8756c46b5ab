/* story-provider-gnews.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GNews v4: headlines (/api/v4/top-headlines, /api/v4/search). The source's
 * address is the query ("…/top-headlines?category=world&lang=en"); the key,
 * from the keyring, is the apikey query parameter, so the address with it is
 * never kept. No ids, no authors, a truncated teaser for content; the
 * query's category is the topic hint. */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "story-date.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-util.h"

static gboolean
gnews_detect_url (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  return g_ascii_strcasecmp (host, "gnews.io") == 0 ||
         g_ascii_strcasecmp (host, "www.gnews.io") == 0;
}

static char *
gnews_first_page (const StoryProviderContext *context)
{
  return story_provider_url_with_param (context->url, "page", "1");
}

static void
gnews_prepare (const StoryProviderContext *context,
               const char                 *page_url,
               StoryProviderRequest       *request)
{
  request->accept = g_strdup ("application/json");
  if (context != NULL && context->api_key != NULL)
    {
      g_free (request->url);
      request->url = story_provider_url_with_param (page_url, "apikey", context->api_key);
    }
}

/* "… [1234 chars]" ends a teaser. */
static char *
strip_teaser_marker (const char *content)
{
  g_autofree char *text = NULL;
  char *marker;

  if (content == NULL)
    return NULL;

  text = story_utf8_make_valid (content, -1);
  marker = g_strrstr (text, "... [");
  if (marker == NULL)
    marker = g_strrstr (text, " [");
  if (marker != NULL && g_str_has_suffix (marker, " chars]"))
    *marker = '\0';

  return g_strstrip (g_steal_pointer (&text));
}

static StoryArticle *
parse_article (JsonObject *object,
               const char *category)
{
  g_autofree char *teaser = strip_teaser_marker (story_json_get_string (object, "content"));

  return story_provider_parse_headline (object, "image", teaser, category);
}

/* GNews explains errors as {"errors":["…"]} (or an object of messages). */
static char *
errors_message (JsonObject *root)
{
  JsonNode *node = root != NULL ? json_object_get_member (root, "errors") : NULL;
  g_autoptr(GList) values = NULL;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            return story_provider_clean_text (json_node_get_string (element), 300);
        }
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      values = json_object_get_values (json_node_get_object (node));
      for (GList *l = values; l != NULL; l = l->next)
        {
          JsonNode *element = l->data;

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            return story_provider_clean_text (json_node_get_string (element), 300);
        }
    }

  return NULL;
}

static StoryFeed *
gnews_parse (GBytes             *body,
             StoryHttpResponse  *response,
             const char         *page_url,
             GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *message = NULL;
  JsonObject *root;
  JsonArray *articles;

  parser = story_provider_load_json (body, error);
  if (parser == NULL)
    return NULL;

  root = story_json_node_object (json_parser_get_root (parser));
  articles = story_json_get_array (root, "articles");
  if (articles == NULL)
    {
      message = errors_message (root);
      if (message != NULL)
        g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                     _("GNews refused the request: %s"), message);
      else
        g_set_error_literal (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                             _("Not an answer of GNews: it has no articles"));
      return NULL;
    }

  return story_provider_headline_page (root, articles, page_url, parse_article,
                                       "totalArticles", "max", 10);
}

static void
gnews_explain_error (guint    status,
                     GBytes  *body,
                     GError **error)
{
  g_autoptr(JsonParser) parser = body ? story_provider_load_json (body, NULL) : NULL;
  g_autofree char *message = NULL;

  if (parser != NULL)
    message = errors_message (story_json_node_object (json_parser_get_root (parser)));

  if (status == 401)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY,
                 _("GNews did not accept the API key (%u): %s"), status,
                 message ? message : _("no reason given"));
  else if (status == 403 || status == 429)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED,
                 _("GNews’s request limit for this API key is reached: %s"),
                 message ? message : _("no reason given"));
  else if (message != NULL)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                 _("GNews answered %u: %s"), status, message);
}

const StoryProvider story_provider_gnews = {
  .kind = STORY_PROVIDER_GNEWS,
  .name = N_("GNews"),
  .needs_api_key = TRUE,
  .key_in_query = TRUE,
  .max_pages = 2,
  .detect_url = gnews_detect_url,
  .first_page = gnews_first_page,
  .prepare = gnews_prepare,
  .parse = gnews_parse,
  .explain_error = gnews_explain_error,
};
