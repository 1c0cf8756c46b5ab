/* story-provider-wordpress.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* WordPress REST API v2: a site's /wp-json/wp/v2/posts, with no account.
 * The source's address is that endpoint. Posts come with _embed, which
 * carries the author's name, the featured image and the categories and tags
 * (topic hints) in the same answer; pages follow X-WP-TotalPages. After the
 * first sync only posts modified since are asked for (modified_after, WordPress
 * 5.7; older sites ignore it and answer as before). Titles are HTML with
 * entities, dates come as UTC without a zone (date_gmt). */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "story-date.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-util.h"

#define PER_PAGE "50"
/* How far before the newest change seen the next sync asks from: a site may
 * read the time in its own zone, and asking again costs a page at most. */
#define CURSOR_MARGIN (24 * 60 * 60)

static char *
wordpress_first_page (const StoryProviderContext *context)
{
  g_autofree char *with_size = NULL;
  g_autofree char *with_embed = NULL;

  with_size = story_provider_url_with_param (context->url, "per_page", PER_PAGE);
  with_embed = story_provider_url_with_param (with_size, "_embed", "1");

  if (context->cursor != NULL && story_date_parse (context->cursor) != STORY_TIME_UNKNOWN)
    {
      g_autofree char *since = story_provider_url_with_param (with_embed, "modified_after",
                                                              context->cursor);
      g_autofree char *ordered = story_provider_url_with_param (since, "orderby", "modified");

      return story_provider_url_with_param (ordered, "page", "1");
    }

  return story_provider_url_with_param (with_embed, "page", "1");
}

/* The newest change among the posts stored, less a margin; the last cursor
 * when nothing changed. */
static char *
wordpress_next_cursor (const StoryProviderContext *context,
                       GPtrArray                  *articles)
{
  return story_provider_changed_since_cursor (context->cursor, articles, CURSOR_MARGIN);
}

static void
wordpress_prepare (const StoryProviderContext *context,
                   const char                 *page_url,
                   StoryProviderRequest       *request)
{
  request->accept = g_strdup ("application/json");
}

/* The first element of the array member @member of @object, as an object. */
static JsonObject *
first_object (JsonObject *object,
              const char *member)
{
  JsonArray *array = story_json_get_array (object, member);

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  return story_json_node_object (json_array_get_element (array, 0));
}

/* _embedded["wp:term"] is a list of lists of terms: categories, then tags. */
static void
collect_terms (JsonObject *embedded,
               GPtrArray  *tags)
{
  JsonArray *groups = story_json_get_array (embedded, "wp:term");
  guint n_groups;

  if (groups == NULL)
    return;

  n_groups = json_array_get_length (groups);
  for (guint i = 0; i < n_groups; i++)
    {
      JsonNode *group_node = json_array_get_element (groups, i);
      JsonArray *group;
      guint n_terms;

      if (group_node == NULL || !JSON_NODE_HOLDS_ARRAY (group_node))
        continue;

      group = json_node_get_array (group_node);
      n_terms = json_array_get_length (group);
      for (guint j = 0; j < n_terms; j++)
        {
          JsonObject *term = story_json_node_object (json_array_get_element (group, j));
          const char *taxonomy = story_json_get_string (term, "taxonomy");
          g_autofree char *name = NULL;

          /* "Uncategorized" says nothing about a post. */
          if (g_strcmp0 (story_json_get_string (term, "slug"), "uncategorized") == 0)
            continue;
          if (taxonomy != NULL && !g_str_equal (taxonomy, "category") &&
              !g_str_equal (taxonomy, "post_tag"))
            continue;

          name = story_provider_html_to_plain (story_json_get_string (term, "name"), 120);
          story_provider_add_tag (tags, name);
        }
    }
}

static const char *
rendered (JsonObject *post,
          const char *member)
{
  JsonObject *object = story_json_get_object (post, member);

  /* Some plugins flatten { "rendered": … } to a plain string. */
  if (object == NULL)
    return story_json_get_string (post, member);

  return story_json_get_string (object, "rendered");
}

static StoryArticle *
parse_post (JsonObject *post,
            const char *base_url)
{
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = story_json_dup_id (post, "id");
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *html = NULL;
  g_autofree char *image = NULL;
  JsonObject *embedded = story_json_get_object (post, "_embedded");
  const char *content = rendered (post, "content");
  const char *date;

  url = story_provider_web_url (base_url, story_json_get_string (post, "link"));
  if (id == NULL)
    id = g_strdup (url);
  if (id == NULL)
    return NULL;

  article = story_article_new ();
  story_article_set_remote_id (article, id);
  story_article_set_url (article, url);

  title = story_provider_html_to_plain (rendered (post, "title"), STORY_PROVIDER_MAX_TITLE_CHARS);
  story_article_set_title (article, title);

  if (content != NULL)
    html = story_utf8_make_valid (content, -1);
  story_article_set_content_html (article, html);

  summary = story_provider_html_to_plain (rendered (post, "excerpt"),
                                          STORY_PROVIDER_MAX_SUMMARY_CHARS);
  story_article_set_summary (article, summary);

  /* date_gmt is UTC without a zone; date is the site's local time. */
  date = story_json_get_string (post, "date_gmt");
  story_article_set_published (article, story_date_parse (date ? date
                                                               : story_json_get_string (post,
                                                                                        "date")));
  date = story_json_get_string (post, "modified_gmt");
  story_article_set_updated (article, story_date_parse (date));

  story_provider_set_author (article,
                             story_json_get_string (first_object (embedded, "author"), "name"));

  image = story_provider_web_url (base_url,
                                  story_json_get_string (first_object (embedded,
                                                                       "wp:featuredmedia"),
                                                         "source_url"));
  story_article_set_image (article, image);

  collect_terms (embedded, tags);
  story_provider_set_tags (article, tags);

  return g_steal_pointer (&article);
}

static StoryFeed *
wordpress_parse (GBytes             *body,
                 StoryHttpResponse  *response,
                 const char         *page_url,
                 GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StoryFeed) page = NULL;
  const char *base_url = response != NULL ? response->url : page_url;
  JsonNode *root;
  JsonArray *posts;
  guint n;

  parser = story_provider_load_json (body, error);
  if (parser == NULL)
    return NULL;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_NOT_AN_API,
                           _("Not a list of WordPress posts: the answer is not a JSON list"));
      return NULL;
    }

  page = story_provider_new_page ();
  posts = json_node_get_array (root);
  n = json_array_get_length (posts);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *post = story_json_node_object (json_array_get_element (posts, i));
      StoryArticle *article = post != NULL ? parse_post (post, base_url) : NULL;

      if (article == NULL)
        page->n_skipped++;
      else
        g_ptr_array_add (page->articles, article);
    }

  if (response != NULL && n > 0)
    {
      const char *total = story_http_response_get_header (response, "X-WP-TotalPages");

      if (total != NULL)
        page->next_url = story_provider_next_page_url (page_url, "page",
                                                       g_ascii_strtoll (total, NULL, 10));
    }

  return g_steal_pointer (&page);
}

/* {"code":"rest_no_route","message":"No route was found…","data":{"status":404}} */
static void
wordpress_explain_error (guint    status,
                         GBytes  *body,
                         GError **error)
{
  g_autofree char *message = story_provider_service_message (body, NULL);

  if (message == NULL)
    return;

  g_set_error (error, STORY_PROVIDER_ERROR,
               status == 401 || status == 403 ? STORY_PROVIDER_ERROR_BAD_KEY
                                              : STORY_PROVIDER_ERROR_SERVICE,
               /* Translators: %u is an HTTP status, %s what the site said */
               _("The WordPress site answered %u: %s"), status, message);
}

const StoryProvider story_provider_wordpress = {
  .kind = STORY_PROVIDER_WORDPRESS,
  .name = N_("WordPress"),
  .follows_moves = FALSE,
  .max_pages = 5,
  .first_page = wordpress_first_page,
  .prepare = wordpress_prepare,
  .parse = wordpress_parse,
  .explain_error = wordpress_explain_error,
  .next_cursor = wordpress_next_cursor,
};
