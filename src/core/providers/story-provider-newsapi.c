/* story-provider-newsapi.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* NewsAPI.org v2: headlines (/v2/top-headlines, /v2/everything). The
 * source's address is the query ("…/v2/top-headlines?country=gb&category=
 * science"); the key, from the keyring, goes in the X-Api-Key header. Articles
 * have no id (the address stands in), and no body: the description and the
 * truncated "content" teaser are what there is to read. The category is not
 * in the answer, so the query's category is the topic hint. */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "story-date.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-util.h"

static gboolean
newsapi_detect_url (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_host (uri), "newsapi.org") == 0;
}

static char *
newsapi_first_page (const StoryProviderContext *context)
{
  g_autofree char *size = story_provider_get_query_param (context->url, "pageSize");
  g_autofree char *sized = size != NULL ? g_strdup (context->url)
                                        : story_provider_url_with_param (context->url,
                                                                         "pageSize", "50");

  return story_provider_url_with_param (sized, "page", "1");
}

static void
newsapi_prepare (const StoryProviderContext *context,
                 const char                 *page_url,
                 StoryProviderRequest       *request)
{
  request->accept = g_strdup ("application/json");
  if (context != NULL && context->api_key != NULL)
    story_provider_request_add_header (request, "X-Api-Key", context->api_key);
}

/* "… [+2345 chars]" ends every teaser. */
static char *
strip_teaser_marker (const char *content)
{
  g_autofree char *text = NULL;
  char *marker;

  if (content == NULL)
    return NULL;

  text = story_utf8_make_valid (content, -1);
  marker = strstr (text, " [+");
  if (marker != NULL && g_str_has_suffix (marker, " chars]"))
    *marker = '\0';

  return g_strstrip (g_steal_pointer (&text));
}

static StoryArticle *
parse_article (JsonObject *object,
               const char *category)
{
  g_autofree char *teaser = strip_teaser_marker (story_json_get_string (object, "content"));

  return story_provider_parse_headline (object, "urlToImage", teaser, category);
}

static StoryFeed *
newsapi_parse (GBytes             *body,
               StoryHttpResponse  *response,
               const char         *page_url,
               GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *articles;

  parser = story_provider_load_json (body, error);
  if (parser == NULL)
    return NULL;

  root = story_json_node_object (json_parser_get_root (parser));
  if (g_strcmp0 (story_json_get_string (root, "status"), "error") == 0)
    {
      g_autofree char *message = story_provider_clean_text (story_json_get_string (root,
                                                                                   "message"),
                                                            300);

      g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                   _("NewsAPI refused the request: %s"), message ? message : _("no reason given"));
      return NULL;
    }

  articles = story_json_get_array (root, "articles");
  if (articles == NULL)
    {
      g_set_error_literal (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                           _("Not an answer of NewsAPI: it has no articles"));
      return NULL;
    }

  return story_provider_headline_page (root, articles, page_url, parse_article,
                                       "totalResults", "pageSize", 20);
}

/* {"status":"error","code":"apiKeyInvalid","message":"Your API key is invalid…"};
 * rateLimited and apiKeyExhausted when the quota is spent. */
static void
newsapi_explain_error (guint    status,
                       GBytes  *body,
                       GError **error)
{
  g_autofree char *message = story_provider_service_message (body, NULL);
  g_autofree char *code = story_provider_service_message (body, "code");
  gboolean key = status == 401 || g_strcmp0 (code, "apiKeyInvalid") == 0 ||
                 g_strcmp0 (code, "apiKeyMissing") == 0 || g_strcmp0 (code, "apiKeyDisabled") == 0;
  gboolean quota = status == 429 || g_strcmp0 (code, "rateLimited") == 0 ||
                   g_strcmp0 (code, "apiKeyExhausted") == 0;

  if (key)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY,
                 _("NewsAPI did not accept the API key (%u): %s"), status,
                 message ? message : _("no reason given"));
  else if (quota)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED,
                 _("NewsAPI’s request limit for this API key is reached: %s"),
                 message ? message : _("no reason given"));
  else if (message != NULL)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                 _("NewsAPI answered %u: %s"), status, message);
}

const StoryProvider story_provider_newsapi = {
  .kind = STORY_PROVIDER_NEWSAPI,
  .name = N_("NewsAPI"),
  .needs_api_key = TRUE,
  .max_pages = 2,
  .detect_url = newsapi_detect_url,
  .first_page = newsapi_first_page,
  .prepare = newsapi_prepare,
  .parse = newsapi_parse,
  .explain_error = newsapi_explain_error,
};
