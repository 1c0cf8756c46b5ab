/* story-provider-nextcloud-news.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Nextcloud News API v1.3, a two-way account. The source's address is the
 * Nextcloud server; the user name and an app password travel as HTTP Basic
 * credentials, kept in the keyring (they come from the pasted address,
 * "https://user:app-password@cloud.example/", which is stored without them).
 * The first sync takes the newest items, page by page (the offset is the
 * lowest item id seen); later ones ask only for what changed since
 * (/items/updated?lastModified=). Read and starred changes made here are
 * queued in the store and sent first, oldest first, in batches of the same
 * change (POST /items/{read,unread,star,unstar}/multiple). Titles, authors and
 * addresses are not sanitised by the server: they are taken as plain text. */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "story-date.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-util.h"

#define API_PATH      "/index.php/apps/news/api/v1-3"
#define BATCH_SIZE    200
#define MAX_BATCH     500
#define CURSOR_MARGIN 120

/* The API's root under the server's address, or the address itself when it
 * is already the API's. */
static char *
api_root (const char *base)
{
  g_autofree char *trimmed = g_strndup (base, strcspn (base, "?#"));
  char *api;

  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';

  api = strstr (trimmed, "/index.php/apps/news/api");
  if (api != NULL)
    *api = '\0';

  return g_strconcat (trimmed, API_PATH, NULL);
}

static char *
nextcloud_first_page (const StoryProviderContext *context)
{
  g_autofree char *root = api_root (context->url);
  gint64 since = context->cursor ? g_ascii_strtoll (context->cursor, NULL, 10) : 0;

  if (since > 0)
    return g_strdup_printf ("%s/items/updated?lastModified=%" G_GINT64_FORMAT "&type=3&id=0",
                            root, since);

  return g_strdup_printf ("%s/items?type=3&id=0&getRead=true&oldestFirst=false&batchSize=%d"
                          "&offset=0", root, BATCH_SIZE);
}

static void
nextcloud_prepare (const StoryProviderContext *context,
                   const char                 *page_url,
                   StoryProviderRequest       *request)
{
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  request->accept = g_strdup ("application/json");
  if (context == NULL || context->login == NULL)
    return;

  /* Sent with the first request, not after a challenge: the API answers
   * 401 without saying how to log in. */
  if (story_login_parse (context->login, &user, &password))
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      story_provider_request_add_header (request, "Authorization", header);
      story_str_wipe (g_steal_pointer (&pair));
      story_str_wipe (g_steal_pointer (&encoded));
      story_str_wipe (g_steal_pointer (&header));
    }
  story_str_wipe (g_steal_pointer (&user));
  story_str_wipe (g_steal_pointer (&password));
}

static StoryArticle *
parse_item (JsonObject *item)
{
  g_autoptr(StoryArticle) article = NULL;
  g_autofree char *id = story_json_dup_id (item, "id");
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *html = NULL;
  g_autofree char *image = NULL;
  const char *body = story_json_get_string (item, "body");
  const char *mime_type = story_json_get_string (item, "enclosureMime");
  gint64 published = story_provider_json_int (item, "pubDate", 0);
  gint64 modified = story_provider_json_int (item, "lastModified", 0);

  if (id == NULL)
    return NULL;

  article = story_article_new ();
  story_article_set_remote_id (article, id);

  url = story_provider_web_url (NULL, story_json_get_string (item, "url"));
  story_article_set_url (article, url);

  /* Not sanitised by the server, and sometimes with entities: plain text. */
  title = story_provider_html_to_plain (story_json_get_string (item, "title"),
                                        STORY_PROVIDER_MAX_TITLE_CHARS);
  story_article_set_title (article, title);

  if (body != NULL)
    html = story_utf8_make_valid (body, -1);
  story_article_set_content_html (article, html);

  story_provider_set_author (article, story_json_get_string (item, "author"));
  story_article_set_published (article, published > 0 ? published : STORY_TIME_UNKNOWN);
  /* lastModified is in seconds, or microseconds on some servers. */
  if (modified > 100000000000000)
    modified /= G_USEC_PER_SEC;
  story_article_set_updated (article, modified > 0 ? modified : STORY_TIME_UNKNOWN);

  if (mime_type != NULL && g_str_has_prefix (mime_type, "image/"))
    image = story_provider_web_url (NULL, story_json_get_string (item, "enclosureLink"));
  if (image == NULL)
    image = story_provider_web_url (NULL, story_json_get_string (item, "mediaThumbnail"));
  story_article_set_image (article, image);

  story_article_set_read (article, !story_json_get_boolean (item, "unread", TRUE));
  story_article_set_starred (article, story_json_get_boolean (item, "starred", FALSE));

  return g_steal_pointer (&article);
}

static StoryFeed *
nextcloud_parse (GBytes             *body,
                 StoryHttpResponse  *response,
                 const char         *page_url,
                 GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StoryFeed) page = NULL;
  g_autofree char *size_text = NULL;
  JsonArray *items;
  gint64 lowest = G_MAXINT64;
  gint64 size;
  guint n;

  parser = story_provider_load_json (body, error);
  if (parser == NULL)
    return NULL;

  items = story_json_get_array (story_json_node_object (json_parser_get_root (parser)), "items");
  if (items == NULL)
    {
      g_set_error_literal (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                           _("Not an answer of Nextcloud News: it has no items"));
      return NULL;
    }

  page = story_provider_new_page ();
  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = story_json_node_object (json_array_get_element (items, i));
      StoryArticle *article = item != NULL ? parse_item (item) : NULL;
      gint64 id = story_provider_json_int (item, "id", G_MAXINT64);

      if (article == NULL)
        {
          page->n_skipped++;
          continue;
        }
      g_ptr_array_add (page->articles, article);
      if (id > 0)
        lowest = MIN (lowest, id);
    }

  /* A full batch may have more below it: the next page starts under the
   * lowest id of this one. */
  size_text = story_provider_get_query_param (page_url, "batchSize");
  size = size_text != NULL ? g_ascii_strtoll (size_text, NULL, 10) : 0;
  if (size > 0 && n >= size && lowest != G_MAXINT64 && lowest > 1)
    {
      g_autofree char *offset = g_strdup_printf ("%" G_GINT64_FORMAT, lowest);

      page->next_url = story_provider_url_with_param (page_url, "offset", offset);
    }

  return g_steal_pointer (&page);
}

static void
nextcloud_explain_error (guint    status,
                         GBytes  *body,
                         GError **error)
{
  g_autofree char *message = story_provider_service_message (body, NULL);

  if (status == 401 || status == 403)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY,
                 _("Nextcloud did not accept the user name or app password (%u): %s"), status,
                 message ? message : _("no reason given"));
  else if (status == 404)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                 _("This Nextcloud has no News app, or not its API v1-3 (404)"));
  else if (message != NULL)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                 _("Nextcloud News answered %u: %s"), status, message);
}

static char *
nextcloud_next_cursor (const StoryProviderContext *context,
                       GPtrArray                  *articles)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, MAX (context->started - CURSOR_MARGIN, 1));
}

static const char *
change_path (StoryChangeField field,
             gboolean         value)
{
  if (field == STORY_CHANGE_READ)
    return value ? "/items/read/multiple" : "/items/unread/multiple";

  return value ? "/items/star/multiple" : "/items/unstar/multiple";
}

static gboolean
post_items (const StoryProviderContext  *context,
            StoryHttp                   *http,
            GArray                      *item_ids,
            StoryChangeField             field,
            gboolean                     value,
            GCancellable                *cancellable,
            GError                     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *api = api_root (context->url);
  g_autofree char *url = g_strconcat (api, change_path (field, value), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "itemIds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < item_ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (item_ids, gint64, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return story_provider_send_json (&story_provider_nextcloud_news, context, http, url, SOUP_METHOD_POST,
                                   builder, cancellable, error);
}

static gboolean
nextcloud_push_changes (const StoryProviderContext  *context,
                        StoryHttp                   *http,
                        GPtrArray                   *changes,
                        guint                       *n_pushed,
                        GCancellable                *cancellable,
                        GError                     **error)
{
  return story_provider_push_numbered_runs (context, http, changes, MAX_BATCH, post_items, n_pushed,
                                            cancellable, error);
}

const StoryProvider story_provider_nextcloud_news = {
  .kind = STORY_PROVIDER_NEXTCLOUD_NEWS,
  .name = N_("Nextcloud News"),
  .needs_login = TRUE,
  .two_way = TRUE,
  .max_pages = 5,
  .first_page = nextcloud_first_page,
  .prepare = nextcloud_prepare,
  .parse = nextcloud_parse,
  .explain_error = nextcloud_explain_error,
  .next_cursor = nextcloud_next_cursor,
  .push_changes = nextcloud_push_changes,
};
