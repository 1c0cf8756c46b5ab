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

/* A big feed's items are parsed in chunks, on two threads: json-glib reads a
 * byte at a time, and a page of 5,000 items (17 MB) took 0.1 s before any of
 * its articles could go on to be sanitized and stored. The document's shape
 * is found first with a scan that does not parse (story_json_skip_string_text()
 * over strings); the rest of the document, without the items, is parsed as
 * before. Anything the scan does not expect sends the whole document down
 * the ordinary path, which gives the same feed or the same error. */
#define SPLIT_MIN_BYTES   (1024 * 1024)
#define SPLIT_CHUNK_ITEMS 64

typedef struct
{
  gsize start;
  gsize end;
} Span;

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds the elements of the document's top-level "items" array: @open and
 * @close are its brackets, @spans (of Span) each element's bytes. FALSE when
 * the document is not an object with exactly one such array, or the scan
 * meets anything out of place. */
static gboolean
find_items (const char *data,
            gsize       size,
            gsize      *open,
            gsize      *close,
            GArray     *spans)
{
  guint depth = 0;
  guint n_items_keys = 0;
  gboolean last_string_items = FALSE;  /* the last string at depth 1 was "items" */
  gboolean items_value = FALSE;        /* the value after "items": is next */
  gboolean in_items = FALSE;
  gboolean seen_items = FALSE;
  gsize element = G_MAXSIZE;           /* where the current element began */
  gsize i = 0;

  while (i < size && is_json_space (data[i]))
    i++;
  if (i >= size || data[i] != '{')
    return FALSE;

  for (; i < size; i++)
    {
      char c = data[i];

      if (is_json_space (c))
        continue;

      if (in_items && depth == 2 && element == G_MAXSIZE && c != ']' && c != ',')
        element = i;

      switch (c)
        {
        case '"':
          {
            gsize start = i + 1;

            for (i = start;; i += 2)
              {
                i = story_json_skip_string_text (data, i, size);
                if (i >= size)
                  return FALSE;
                if (data[i] == '"')
                  break;
              }
            if (depth == 1)
              last_string_items = i - start == 5 && memcmp (data + start, "items", 5) == 0;
          }
          break;

        case ':':
          if (depth == 1)
            {
              items_value = last_string_items;
              if (items_value && ++n_items_keys > 1)
                return FALSE;
            }
          break;

        case '[':
        case '{':
          if (depth == 1 && items_value)
            {
              if (c != '[')
                return FALSE;
              in_items = TRUE;
              seen_items = TRUE;
              *open = i;
            }
          if (depth == 1)
            items_value = FALSE;
          depth++;
          break;

        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          depth--;
          if (in_items && depth == 1)
            {
              if (c != ']')
                return FALSE;
              if (element != G_MAXSIZE)
                {
                  Span span = { element, i };

                  g_array_append_val (spans, span);
                }
              else if (spans->len > 0)
                return FALSE;  /* a comma before the bracket */
              in_items = FALSE;
              element = G_MAXSIZE;
              *close = i;
            }
          break;

        case ',':
          if (depth == 1)
            items_value = FALSE;
          if (in_items && depth == 2)
            {
              Span span = { element, i };

              if (element == G_MAXSIZE)
                return FALSE;
              g_array_append_val (spans, span);
              element = G_MAXSIZE;
            }
          break;

        default:
          /* A number, true, false or null: only its first character matters. */
          if (depth == 1)
            items_value = FALSE;
          break;
        }
    }

  return depth == 0 && seen_items && !in_items;
}

typedef struct
{
  const char         *data;
  const Span         *spans;
  guint               n_chunks;
  guint               n_spans;
  const char         *base_url;
  const char * const *feed_authors;
  gint                next_chunk;  /* atomic */
  gint                failed;      /* atomic */
  GPtrArray         **articles;    /* per chunk */
  guint              *n_skipped;   /* per chunk */
} Split;

static gpointer
parse_chunks (gpointer data)
{
  Split *split = data;
  g_autoptr(GString) text = g_string_new (NULL);
  guint chunk;

  while ((chunk = (guint) g_atomic_int_add (&split->next_chunk, 1)) < split->n_chunks
         && !g_atomic_int_get (&split->failed))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      const Span *first = &split->spans[chunk * SPLIT_CHUNK_ITEMS];
      const Span *last = &split->spans[MIN ((chunk + 1) * SPLIT_CHUNK_ITEMS, split->n_spans) - 1];
      GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
      JsonNode *root;
      JsonArray *items;

      split->articles[chunk] = articles;

      /* The chunk's items as they are written, commas included, in brackets. */
      g_string_truncate (text, 0);
      g_string_append_c (text, '[');
      g_string_append_len (text, split->data + first->start, last->end - first->start);
      g_string_append_c (text, ']');
      if (!json_parser_load_from_data (parser, text->str, text->len, NULL)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root)
          || json_array_get_length (items = json_node_get_array (root))
               != (guint)(last - first) + 1)
        {
          g_atomic_int_set (&split->failed, TRUE);
          break;
        }

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = story_json_node_object (json_array_get_element (items, i));
          StoryArticle *article = item != NULL
            ? parse_item (item, split->base_url, split->feed_authors) : NULL;

          if (article != NULL)
            g_ptr_array_add (articles, article);
          else
            split->n_skipped[chunk]++;
        }
    }

  return NULL;
}

/* Parses @spans of @data into @feed's articles, on this thread and another.
 * FALSE, with nothing added, when any chunk is not valid JSON. */
static gboolean
parse_items_split (const char         *data,
                   GArray             *spans,
                   const char         *base_url,
                   const char * const *feed_authors,
                   StoryFeed          *feed)
{
  Split split = { 0 };
  GThread *helper;
  gboolean ok;

  split.data = data;
  split.spans = (const Span *)spans->data;
  split.n_spans = spans->len;
  split.n_chunks = (spans->len + SPLIT_CHUNK_ITEMS - 1) / SPLIT_CHUNK_ITEMS;
  split.base_url = base_url;
  split.feed_authors = feed_authors;
  split.articles = g_new0 (GPtrArray *, split.n_chunks);
  split.n_skipped = g_new0 (guint, split.n_chunks);

  helper = g_thread_new ("story-parse", parse_chunks, &split);
  parse_chunks (&split);
  g_thread_join (helper);

  ok = !split.failed;
  for (guint i = 0; i < split.n_chunks; i++)
    {
      if (ok)
        {
          g_ptr_array_extend_and_steal (feed->articles, g_steal_pointer (&split.articles[i]));
          feed->n_skipped += split.n_skipped[i];
        }
      else
        g_clear_pointer (&split.articles[i], g_ptr_array_unref);
    }
  g_free (split.articles);
  g_free (split.n_skipped);

  return ok;
}

/* With @split, a big document's items are parsed in chunks when its shape
 * allows (see find_items()). */
static StoryFeed *
parse_document (GBytes      *bytes,
                const char  *base_url,
                gboolean     split,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(StoryFeed) feed = NULL;
  g_autoptr(GArray) spans = NULL;
  g_auto(GStrv) feed_authors = NULL;
  JsonObject *root;
  JsonNode *items_node;
  const char *version;
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  if (split && size >= SPLIT_MIN_BYTES && story_utf8_validate (data, size)
      && story_provider_check_json_shape (data, size, NULL))
    {
      gsize open = 0, close = 0;

      spans = g_array_new (FALSE, FALSE, sizeof (Span));
      if (find_items (data, size, &open, &close, spans)
          && spans->len >= 2 * SPLIT_CHUNK_ITEMS)
        {
          /* The document as it is, but for the items: "items": []. */
          g_autoptr(GByteArray) rest = g_byte_array_sized_new (open + 1 + size - close);
          g_autoptr(GBytes) skeleton = NULL;

          g_byte_array_append (rest, (const guint8 *)data, open + 1);
          g_byte_array_append (rest, (const guint8 *)data + close, size - close);
          skeleton = g_byte_array_free_to_bytes (g_steal_pointer (&rest));
          parser = story_provider_load_json (skeleton, NULL);
        }
      if (parser == NULL)
        g_clear_pointer (&spans, g_array_unref);
    }

  if (parser == NULL)
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

  if (spans != NULL)
    {
      /* Not valid JSON somewhere among the items: the whole document is
       * parsed again to say where, as it always was. */
      if (!parse_items_split (data, spans, base_url, (const char * const *)feed_authors, feed))
        return parse_document (bytes, base_url, FALSE, error);
    }
  else if (items_node != NULL && JSON_NODE_HOLDS_ARRAY (items_node))
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
  g_return_val_if_fail (bytes != NULL, NULL);

  return parse_document (bytes, base_url, TRUE, error);
}
