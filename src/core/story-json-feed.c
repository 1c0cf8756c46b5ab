/* story-json-feed.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* JSON Feed 1.0 and 1.1 (jsonfeed.org), read the way real feeds are written:
 * every node's type is checked, and a wrong type costs a field or an item,
 * never the whole feed. Text fields come out as plain text; content_html is
 * returned raw, for the sanitizer. */

#define G_LOG_DOMAIN "story-json-feed"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "story-article.h"
#include "story-date.h"
#include "story-json-feed.h"
#include "story-json.h"
#include "story-provider.h"
#include "story-sanitizer.h"
#include "story-util.h"

/* Longer plain-text fields than these are cut: nobody reads a 50 MB title. */
#define MAX_TITLE_CHARS   1000
#define MAX_SUMMARY_CHARS 4000
#define MAX_TAGS          32


G_DEFINE_QUARK (story-feed-error-quark, story_feed_error)

void
story_feed_free (StoryFeed *feed)
{
  if (feed == NULL)
    return;

  g_free (feed->title);
  g_free (feed->description);
  g_free (feed->home_page_url);
  g_free (feed->feed_url);
  g_free (feed->next_url);
  g_free (feed->icon);
  g_free (feed->favicon);
  g_free (feed->language);
  g_clear_pointer (&feed->articles, g_ptr_array_unref);
  g_free (feed);
}

static char *
resolve (const char *base_url,
         const char *url)
{
  g_autofree char *trimmed = NULL;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  if (trimmed[0] == '\0')
    return NULL;

  if (base_url == NULL)
    return g_uri_is_valid (trimmed, G_URI_FLAGS_NONE, NULL) ? g_steal_pointer (&trimmed) : NULL;

  return story_resolve_url (base_url, trimmed);
}

/* Authors come as a 1.1 array of objects, a 1.0 object, a plain string, or an
 * object where an array belongs; null elements are skipped. */
static void
collect_author_node (JsonNode  *node,
                     GPtrArray *names)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n && names->len < 16; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (element != NULL && !JSON_NODE_HOLDS_ARRAY (element))
            collect_author_node (element, names);
        }
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *author = json_node_get_object (node);
      char *name = story_provider_clean_text (story_json_get_string (author, "name"), 200);

      if (name != NULL)
        g_ptr_array_add (names, name);
      return;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *name = story_provider_clean_text (json_node_get_string (node), 200);

      if (name != NULL)
        g_ptr_array_add (names, name);
    }
}

static char **
collect_authors (JsonObject *object)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (object == NULL)
    return NULL;

  /* "Feed readers should always prefer authors if present." */
  collect_author_node (json_object_get_member (object, "authors"), names);
  if (names->len == 0)
    collect_author_node (json_object_get_member (object, "author"), names);

  if (names->len == 0)
    return NULL;

  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_steal (names, NULL);
}

static char **
collect_tags (JsonObject *item)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = story_json_get_array (item, "tags");
  guint n;

  if (array == NULL)
    return NULL;

  n = json_array_get_length (array);
  for (guint i = 0; i < n && tags->len < MAX_TAGS; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *tag = NULL;
      gboolean seen = FALSE;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      tag = story_provider_clean_text (json_node_get_string (node), 120);
      if (tag == NULL)
        continue;

      for (guint j = 0; j < tags->len && !seen; j++)
        seen = g_utf8_collate (g_ptr_array_index (tags, j), tag) == 0;
      if (!seen)
        g_ptr_array_add (tags, g_steal_pointer (&tag));
    }

  if (tags->len == 0)
    return NULL;

  g_ptr_array_add (tags, NULL);
  return (char **)g_ptr_array_steal (tags, NULL);
}

static char *
first_image_attachment (JsonObject *item,
                        const char *base_url)
{
  JsonArray *attachments = story_json_get_array (item, "attachments");
  guint n;

  if (attachments == NULL)
    return NULL;

  n = json_array_get_length (attachments);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *attachment = story_json_node_object (json_array_get_element (attachments, i));
      const char *mime_type = story_json_get_string (attachment, "mime_type");

      if (mime_type != NULL && g_str_has_prefix (mime_type, "image/"))
        {
          char *url = resolve (base_url, story_json_get_string (attachment, "url"));

          if (url != NULL)
            return url;
        }
    }

  return NULL;
}

static char *
fallback_id (const char *url,
             const char *title,
             const char *content)
{
  g_autoptr(GChecksum) checksum = NULL;

  if (url != NULL)
    return g_strdup (url);

  if (title == NULL && content == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *)(title ? title : ""), -1);
  g_checksum_update (checksum, (const guchar *)"\n", 1);
  g_checksum_update (checksum, (const guchar *)(content ? content : ""), -1);

  return g_strconcat ("sha256:", g_checksum_get_string (checksum), NULL);
}

static StoryArticle *
parse_item (JsonObject         *item,
            const char         *base_url,
            const char * const *feed_authors)
{
  g_autoptr(StoryArticle) article = story_article_new ();
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autofree char *content_html = NULL;
  g_autofree char *image = NULL;
  g_auto(GStrv) authors = NULL;
  g_auto(GStrv) tags = NULL;
  const char *html = story_json_get_string (item, "content_html");
  const char *text = story_json_get_string (item, "content_text");

  url = resolve (base_url, story_json_get_string (item, "url"));
  title = story_provider_clean_text (story_json_get_string (item, "title"), MAX_TITLE_CHARS);

  if (html != NULL)
    content_html = story_utf8_make_valid (html, -1);
  else if (text != NULL)
    {
      /* content_text is plain: escaped, its paragraphs kept (an empty body stays one). */
      content_html = story_provider_text_to_html (text);
      if (content_html == NULL)
        content_html = g_strdup ("");
    }

  id = story_json_dup_id (item, "id");
  if (id == NULL)
    id = fallback_id (url, title, content_html);
  if (id == NULL)
    return NULL;

  image = resolve (base_url, story_json_get_string (item, "image"));
  if (image == NULL)
    image = resolve (base_url, story_json_get_string (item, "banner_image"));
  if (image == NULL)
    image = first_image_attachment (item, base_url);

  authors = collect_authors (item);
  tags = collect_tags (item);

  story_article_set_remote_id (article, id);
  story_article_set_url (article, url);
  {
    g_autofree char *external_url = resolve (base_url, story_json_get_string (item, "external_url"));
    g_autofree char *summary = story_provider_clean_text (story_json_get_string (item, "summary"),
                                                          MAX_SUMMARY_CHARS);

    story_article_set_external_url (article, external_url);
    story_article_set_summary (article, summary);
  }
  story_article_set_title (article, title);
  story_article_set_content_html (article, content_html);
  story_article_set_image (article, image);
  story_article_set_authors (article,
                             authors != NULL ? (const char * const *)authors : feed_authors);
  story_article_set_tags (article, (const char * const *)tags);
  story_article_set_published (article,
                               story_date_parse (story_json_get_string (item, "date_published")));
  story_article_set_updated (article,
                             story_date_parse (story_json_get_string (item, "date_modified")));

  return g_steal_pointer (&article);
}

static gboolean
is_json_feed_version (const char *version)
{
  if (version == NULL)
    return FALSE;

  /* Real feeds write "https://jsonfeed.org/version/1.1", "http://…", or "1.1". */
  return strstr (version, "jsonfeed.org/version/") != NULL ||
         g_str_equal (version, "1") || g_str_equal (version, "1.0") ||
         g_str_equal (version, "1.1");
}

/**
 * story_json_feed_parse:
 * @bytes: the document as downloaded
 * @base_url: (nullable): where it was downloaded from; relative URLs resolve
 *   against it (else against the feed's own feed_url)
 *
 * Returns: (transfer full): the feed, or %NULL with @error set to a sentence
 *   a user can read
 */
StoryFeed *
story_json_feed_parse (GBytes      *bytes,
                       const char  *base_url,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_auto(GStrv) feed_authors = NULL;
  JsonObject *root;
  JsonNode *items_node;
  const char *version;

  g_return_val_if_fail (bytes != NULL, NULL);

  parser = story_provider_load_json (bytes, error);
  if (parser == NULL)
    return NULL;

  root = story_json_node_object (json_parser_get_root (parser));
  if (root == NULL)
    {
      g_set_error_literal (error, STORY_FEED_ERROR, STORY_FEED_ERROR_NOT_A_FEED,
                           _("Not a JSON Feed: the document is not a JSON object"));
      return NULL;
    }

  version = story_json_get_string (root, "version");
  items_node = json_object_get_member (root, "items");

  if (items_node != NULL && !JSON_NODE_HOLDS_ARRAY (items_node) &&
      !JSON_NODE_HOLDS_NULL (items_node))
    {
      g_set_error_literal (error, STORY_FEED_ERROR, STORY_FEED_ERROR_NOT_A_FEED,
                           _("Not a JSON Feed: “items” is not a list"));
      return NULL;
    }

  if ((items_node == NULL || JSON_NODE_HOLDS_NULL (items_node)) &&
      !is_json_feed_version (version))
    {
      g_set_error_literal (error, STORY_FEED_ERROR, STORY_FEED_ERROR_NOT_A_FEED,
                           _("Not a JSON Feed: the document has no items"));
      return NULL;
    }

  feed = g_new0 (StoryFeed, 1);
  feed->articles = g_ptr_array_new_with_free_func (g_object_unref);
  feed->title = story_provider_clean_text (story_json_get_string (root, "title"), MAX_TITLE_CHARS);
  feed->description = story_provider_clean_text (story_json_get_string (root, "description"),
                                                 MAX_SUMMARY_CHARS);
  feed->language = story_provider_clean_text (story_json_get_string (root, "language"), 35);
  feed->expired = story_json_get_boolean (root, "expired", FALSE);

  feed->feed_url = resolve (base_url, story_json_get_string (root, "feed_url"));
  if (base_url == NULL)
    base_url = feed->feed_url;

  feed->home_page_url = resolve (base_url, story_json_get_string (root, "home_page_url"));
  feed->next_url = resolve (base_url, story_json_get_string (root, "next_url"));
  feed->icon = resolve (base_url, story_json_get_string (root, "icon"));
  feed->favicon = resolve (base_url, story_json_get_string (root, "favicon"));
  feed_authors = collect_authors (root);

  if (items_node != NULL && JSON_NODE_HOLDS_ARRAY (items_node))
    {
      JsonArray *items = json_node_get_array (items_node);
      guint n = json_array_get_length (items);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *item = story_json_node_object (json_array_get_element (items, i));
          StoryArticle *article;

          if (item == NULL)
            {
              feed->n_skipped++;
              continue;
            }

          article = parse_item (item, base_url, (const char * const *)feed_authors);
          if (article == NULL)
            {
              feed->n_skipped++;
              continue;
            }

          g_ptr_array_add (feed->articles, article);
        }
    }

  return g_steal_pointer (&feed);
}
