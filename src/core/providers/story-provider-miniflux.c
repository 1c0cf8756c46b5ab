/* story-provider-miniflux.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Miniflux API v1, a two-way account. The source's address is the server
 * ("https://rss.example.net/"); the API key, from the keyring, goes in the
 * X-Auth-Token header. The first sync takes the newest entries; later ones
 * ask only for what changed since the last (changed_after: new entries and
 * read/starred changes made elsewhere). Read and starred changes made here
 * are queued in the store and sent first, oldest first, in batches of the
 * same change (PUT /v1/entries). */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "story-date.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-util.h"

#define PAGE_SIZE     100
#define MAX_BATCH     500
/* A change made on another device a little before the last sync started
 * must not be missed because the clocks disagree. */
#define CURSOR_MARGIN 120

static char *
endpoint (const char *base,
          const char *path)
{
  g_autofree char *trimmed = g_strdup (base);
  char *query = strpbrk (trimmed, "?#");

  if (query != NULL)
    *query = '\0';
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  /* A pasted API address ("…/v1/") names the same server. */
  if (g_str_has_suffix (trimmed, "/v1"))
    trimmed[strlen (trimmed) - 3] = '\0';

  return g_strconcat (trimmed, path, NULL);
}

static char *
miniflux_first_page (const StoryProviderContext *context)
{
  g_autofree char *entries = endpoint (context->url, "/v1/entries");
  gint64 since = context->cursor ? g_ascii_strtoll (context->cursor, NULL, 10) : 0;

  if (since > 0)
    return g_strdup_printf ("%s?changed_after=%" G_GINT64_FORMAT
                            "&order=id&direction=asc&limit=%d&offset=0",
                            entries, since, PAGE_SIZE);

  return g_strdup_printf ("%s?order=id&direction=desc&limit=%d&offset=0", entries, PAGE_SIZE);
}

static void
miniflux_prepare (const StoryProviderContext *context,
                  const char                 *page_url,
                  StoryProviderRequest       *request)
{
  request->accept = g_strdup ("application/json");
  if (context != NULL && context->api_key != NULL)
    story_provider_request_add_header (request, "X-Auth-Token", context->api_key);
}

static char *
first_image_enclosure (JsonObject *entry)
{
  JsonArray *enclosures = story_json_get_array (entry, "enclosures");
  guint n = enclosures != NULL ? json_array_get_length (enclosures) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *enclosure = story_json_node_object (json_array_get_element (enclosures, i));
      const char *mime_type = story_json_get_string (enclosure, "mime_type");

      if (mime_type != NULL && g_str_has_prefix (mime_type, "image/"))
        {
          char *url = story_provider_web_url (NULL, story_json_get_string (enclosure, "url"));

          if (url != NULL)
            return url;
        }
    }

  return NULL;
}

static StoryArticle *
parse_entry (JsonObject *entry)
{
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = story_json_dup_id (entry, "id");
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *html = NULL;
  g_autofree char *image = NULL;
  JsonObject *feed = story_json_get_object (entry, "feed");
  JsonArray *entry_tags = story_json_get_array (entry, "tags");
  const char *content = story_json_get_string (entry, "content");
  const char *status = story_json_get_string (entry, "status");
  guint n_tags;

  if (id == NULL)
    return NULL;

  article = story_article_new ();
  story_article_set_remote_id (article, id);

  url = story_provider_web_url (NULL, story_json_get_string (entry, "url"));
  story_article_set_url (article, url);

  title = story_provider_clean_text (story_json_get_string (entry, "title"),
                                     STORY_PROVIDER_MAX_TITLE_CHARS);
  story_article_set_title (article, title);

  if (content != NULL)
    html = story_utf8_make_valid (content, -1);
  story_article_set_content_html (article, html);

  story_provider_set_author (article, story_json_get_string (entry, "author"));
  story_article_set_published (article,
                               story_date_parse (story_json_get_string (entry, "published_at")));
  story_article_set_updated (article,
                             story_date_parse (story_json_get_string (entry, "changed_at")));

  image = first_image_enclosure (entry);
  story_article_set_image (article, image);

  /* The server's state; the store keeps a newer change made here. */
  story_article_set_read (article, g_strcmp0 (status, "read") == 0 ||
                                   g_strcmp0 (status, "removed") == 0);
  story_article_set_starred (article, story_json_get_boolean (entry, "starred", FALSE));

  story_provider_add_tag (tags, story_json_get_string (story_json_get_object (feed, "category"),
                                                       "title"));
  n_tags = entry_tags != NULL ? json_array_get_length (entry_tags) : 0;
  for (guint i = 0; i < n_tags; i++)
    {
      JsonNode *node = json_array_get_element (entry_tags, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        story_provider_add_tag (tags, json_node_get_string (node));
    }
  story_provider_set_tags (article, tags);

  return g_steal_pointer (&article);
}

static StoryFeed *
miniflux_parse (GBytes             *body,
                StoryHttpResponse  *response,
                const char         *page_url,
                GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StoryFeed) page = NULL;
  g_autofree char *offset_text = NULL;
  g_autofree char *limit_text = NULL;
  JsonObject *root;
  JsonArray *entries;
  gint64 total;
  gint64 offset;
  gint64 limit;
  guint n;

  parser = story_provider_load_json (body, error);
  if (parser == NULL)
    return NULL;

  root = story_json_node_object (json_parser_get_root (parser));
  entries = story_json_get_array (root, "entries");
  if (entries == NULL)
    {
      g_set_error_literal (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                           _("Not an answer of a Miniflux server: it has no entries"));
      return NULL;
    }

  page = story_provider_new_page ();
  n = json_array_get_length (entries);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = story_json_node_object (json_array_get_element (entries, i));
      StoryArticle *article = entry != NULL ? parse_entry (entry) : NULL;

      if (article == NULL)
        page->n_skipped++;
      else
        g_ptr_array_add (page->articles, article);
    }

  total = story_provider_json_int (root, "total", 0);
  offset_text = story_provider_get_query_param (page_url, "offset");
  limit_text = story_provider_get_query_param (page_url, "limit");
  offset = offset_text ? g_ascii_strtoll (offset_text, NULL, 10) : 0;
  limit = limit_text ? g_ascii_strtoll (limit_text, NULL, 10) : PAGE_SIZE;
  if (n > 0 && limit > 0 && offset >= 0 && offset < G_MAXINT32 && offset + (gint64)n < total)
    {
      g_autofree char *next = g_strdup_printf ("%" G_GINT64_FORMAT, offset + n);

      page->next_url = story_provider_url_with_param (page_url, "offset", next);
    }

  return g_steal_pointer (&page);
}

/* {"error_message":"Access Unauthorized"} */
static void
miniflux_explain_error (guint    status,
                        GBytes  *body,
                        GError **error)
{
  g_autofree char *message = story_provider_service_message (body, "error_message");

  if (status == 401 || status == 403)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY,
                 _("The Miniflux server did not accept the API key (%u): %s"), status,
                 message ? message : _("no reason given"));
  else if (status == 429)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED,
                 _("The Miniflux server asks to slow down: %s"),
                 message ? message : _("too many requests"));
  else if (message != NULL)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                 _("The Miniflux server answered %u: %s"), status, message);
}

static char *
miniflux_next_cursor (const StoryProviderContext *context,
                      GPtrArray                  *articles)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, MAX (context->started - CURSOR_MARGIN, 1));
}

/* Sends one batch: the same change to several entries. */
static gboolean
put_entries (const StoryProviderContext  *context,
             StoryHttp                   *http,
             GArray                      *entry_ids,
             StoryChangeField             field,
             gboolean                     value,
             GCancellable                *cancellable,
             GError                     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *url = endpoint (context->url, "/v1/entries");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entry_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry_ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (entry_ids, gint64, i));
  json_builder_end_array (builder);
  if (field == STORY_CHANGE_READ)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, value ? "read" : "unread");
    }
  else
    {
      json_builder_set_member_name (builder, "starred");
      json_builder_add_boolean_value (builder, value);
    }
  json_builder_end_object (builder);

  return story_provider_send_json (&story_provider_miniflux, context, http, url, SOUP_METHOD_PUT,
                                   builder, cancellable, error);
}

static gboolean
miniflux_push_changes (const StoryProviderContext  *context,
                       StoryHttp                   *http,
                       GPtrArray                   *changes,
                       guint                       *n_pushed,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  return story_provider_push_numbered_runs (context, http, changes, MAX_BATCH, put_entries, n_pushed,
                                            cancellable, error);
}

const StoryProvider story_provider_miniflux = {
  .kind = STORY_PROVIDER_MINIFLUX,
  .name = N_("Miniflux"),
  .needs_api_key = TRUE,
  .two_way = TRUE,
  .max_pages = 20,
  .first_page = miniflux_first_page,
  .prepare = miniflux_prepare,
  .parse = miniflux_parse,
  .explain_error = miniflux_explain_error,
  .next_cursor = miniflux_next_cursor,
  .push_changes = miniflux_push_changes,
};
