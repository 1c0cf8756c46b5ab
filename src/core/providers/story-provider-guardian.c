/* story-provider-guardian.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Guardian Content API (content.guardianapis.com). The source's address
 * is a /search query ("…/search?section=world"); the API key, from the
 * keyring, travels as the api-key query parameter, so the address with it is
 * never kept. show-fields brings the article's HTML body, standfirst, byline
 * and picture; the section, the pillar and the keyword tags are topic hints,
 * the richest of any source. Pages follow currentPage/pages. After the first
 * sync only what was published or changed since is asked for
 * (use-date=last-modified&from-date=), which spares the key's daily quota. */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "story-date.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-util.h"

#define SHOW_FIELDS "headline,trailText,body,byline,thumbnail,lastModified"
/* Asked again from a little before the newest change seen: the API's index
 * lags its clock. */
#define CURSOR_MARGIN (60 * 60)

static gboolean
guardian_detect_url (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_host (uri), "content.guardianapis.com") == 0;
}

static char *
with_default (const char *url,
              const char *name,
              const char *value)
{
  g_autofree char *given = story_provider_get_query_param (url, name);

  if (given != NULL)
    return g_strdup (url);

  return story_provider_url_with_param (url, name, value);
}

static char *
guardian_first_page (const StoryProviderContext *context)
{
  g_autofree char *a = with_default (context->url, "show-fields", SHOW_FIELDS);
  g_autofree char *b = with_default (a, "show-tags", "keyword");
  g_autofree char *c = with_default (b, "order-by", "newest");
  g_autofree char *d = with_default (c, "page-size", "50");

  if (context->cursor != NULL && story_date_parse (context->cursor) != STORY_TIME_UNKNOWN)
    {
      g_autofree char *e = story_provider_url_with_param (d, "use-date", "last-modified");
      g_autofree char *f = story_provider_url_with_param (e, "from-date", context->cursor);

      return story_provider_url_with_param (f, "page", "1");
    }

  return story_provider_url_with_param (d, "page", "1");
}

static char *
guardian_next_cursor (const StoryProviderContext *context,
                      GPtrArray                  *articles)
{
  return story_provider_changed_since_cursor (context->cursor, articles, CURSOR_MARGIN);
}

static void
guardian_prepare (const StoryProviderContext *context,
                  const char                 *page_url,
                  StoryProviderRequest       *request)
{
  request->accept = g_strdup ("application/json");
  if (context != NULL && context->api_key != NULL)
    {
      g_free (request->url);
      request->url = story_provider_url_with_param (page_url, "api-key", context->api_key);
    }
}

static void
collect_tags (JsonObject *result,
              GPtrArray  *tags)
{
  JsonArray *array = story_json_get_array (result, "tags");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  story_provider_add_tag (tags, story_json_get_string (result, "sectionName"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *tag = story_json_node_object (json_array_get_element (array, i));
      const char *type = story_json_get_string (tag, "type");

      if (type == NULL || g_str_equal (type, "keyword"))
        story_provider_add_tag (tags, story_json_get_string (tag, "webTitle"));
    }
}

static StoryArticle *
parse_result (JsonObject *result)
{
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = story_json_dup_id (result, "id");
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *html = NULL;
  g_autofree char *image = NULL;
  JsonObject *fields = story_json_get_object (result, "fields");
  const char *headline = story_json_get_string (fields, "headline");
  const char *body = story_json_get_string (fields, "body");

  url = story_provider_web_url (NULL, story_json_get_string (result, "webUrl"));
  if (id == NULL)
    id = g_strdup (url);
  if (id == NULL)
    return NULL;

  article = story_article_new ();
  story_article_set_remote_id (article, id);
  story_article_set_url (article, url);

  title = story_provider_html_to_plain (headline ? headline
                                                 : story_json_get_string (result, "webTitle"),
                                        STORY_PROVIDER_MAX_TITLE_CHARS);
  story_article_set_title (article, title);

  /* trailText is HTML too, and with no body it is all there is to read. */
  summary = story_provider_html_to_plain (story_json_get_string (fields, "trailText"),
                                          STORY_PROVIDER_MAX_SUMMARY_CHARS);
  story_article_set_summary (article, summary);
  if (body != NULL)
    html = story_utf8_make_valid (body, -1);
  else
    html = story_provider_text_to_html (summary);
  story_article_set_content_html (article, html);

  story_provider_set_author (article, story_json_get_string (fields, "byline"));
  story_article_set_published (article,
                               story_date_parse (story_json_get_string (result,
                                                                        "webPublicationDate")));
  story_article_set_updated (article,
                             story_date_parse (story_json_get_string (fields, "lastModified")));

  image = story_provider_web_url (NULL, story_json_get_string (fields, "thumbnail"));
  story_article_set_image (article, image);

  collect_tags (result, tags);
  story_provider_set_tags (article, tags);

  return g_steal_pointer (&article);
}

static StoryFeed *
guardian_parse (GBytes             *body,
                StoryHttpResponse  *response,
                const char         *page_url,
                GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StoryFeed) page = NULL;
  JsonObject *answer;
  JsonArray *results;
  const char *status;
  guint n;

  parser = story_provider_load_json (body, error);
  if (parser == NULL)
    return NULL;

  answer = story_json_get_object (story_json_node_object (json_parser_get_root (parser)),
                                  "response");
  status = story_json_get_string (answer, "status");
  if (g_strcmp0 (status, "error") == 0)
    {
      g_autofree char *message = story_provider_clean_text (story_json_get_string (answer,
                                                                                   "message"),
                                                            300);

      g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                   _("The Guardian refused the request: %s"),
                   message ? message : _("no reason given"));
      return NULL;
    }

  results = story_json_get_array (answer, "results");
  if (results == NULL)
    {
      g_set_error_literal (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                           _("Not an answer of the Guardian’s Content API: it has no results"));
      return NULL;
    }

  page = story_provider_new_page ();
  n = json_array_get_length (results);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *result = story_json_node_object (json_array_get_element (results, i));
      StoryArticle *article = result != NULL ? parse_result (result) : NULL;

      if (article == NULL)
        page->n_skipped++;
      else
        g_ptr_array_add (page->articles, article);
    }

  if (n > 0)
    page->next_url = story_provider_next_page_url (page_url, "page",
                                                   story_provider_json_int (answer, "pages", 1));

  return g_steal_pointer (&page);
}

/* A bad key is turned away before the API proper, as {"message":"Invalid
 * authentication credentials"}; the API's own errors are
 * {"response":{"status":"error","message":"…"}}. */
static void
guardian_explain_error (guint    status,
                        GBytes  *body,
                        GError **error)
{
  g_autofree char *message = story_provider_service_message (body, NULL);

  if (status == 401 || status == 403)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY,
                 _("The Guardian did not accept the API key (%u): %s"), status,
                 message ? message : _("no reason given"));
  else if (status == 429)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED,
                 _("The Guardian’s request limit for this API key is reached: %s"),
                 message ? message : _("no reason given"));
  else if (message != NULL)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                 _("The Guardian answered %u: %s"), status, message);
}

const StoryProvider story_provider_guardian = {
  .kind = STORY_PROVIDER_GUARDIAN,
  .name = N_("The Guardian"),
  .needs_api_key = TRUE,
  .key_in_query = TRUE,
  .max_pages = 2,
  .detect_url = guardian_detect_url,
  .first_page = guardian_first_page,
  .prepare = guardian_prepare,
  .parse = guardian_parse,
  .explain_error = guardian_explain_error,
  .next_cursor = guardian_next_cursor,
};
