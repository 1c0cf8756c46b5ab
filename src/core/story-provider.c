/* story-provider.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The kinds of source Storyline reads, behind one table of functions each
 * (see story-provider.h), and what they share: building requests, reading
 * JSON defensively, turning plain text fields into clean text, and saying
 * what a failed request means. */

#define G_LOG_DOMAIN "story-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <errno.h>
#include <string.h>

#include "story-provider.h"
#include "story-date.h"
#include "story-json.h"
#include "story-sanitizer.h"
#include "story-util.h"

/* json-glib builds the whole tree, recursively, before we see any of it: a
 * document nested 100,000 deep overflows the stack of the thread parsing it,
 * and millions of tiny values ("[{},{},…]") inside the 20 MiB download cap
 * take gigabytes (about 300 bytes a value). Real feeds and API answers nest
 * a handful of levels and hold a few thousand values, so a quick scan
 * refuses anything beyond these before json-glib is asked. 250,000 values
 * cost json-glib about 75 MiB. */
#define MAX_JSON_DEPTH    128
#define MAX_JSON_VALUES   250000

G_DEFINE_QUARK (story-provider-error-quark, story_provider_error)

static const StoryProvider * const providers[] = {
  &story_provider_json_feed,
  &story_provider_wordpress,
  &story_provider_guardian,
  &story_provider_newsapi,
  &story_provider_gnews,
  &story_provider_miniflux,
  &story_provider_nextcloud_news,
  NULL
};

/**
 * story_provider_list:
 *
 * Returns: (transfer none): every provider, %NULL-terminated
 */
const StoryProvider * const *
story_provider_list (void)
{
  return providers;
}

/**
 * story_provider_for_kind:
 * @kind: (nullable): a source's kind; %NULL or empty means JSON Feed, the
 *   kind of every source made before there were others
 *
 * Returns: (transfer none) (nullable): the provider, or %NULL for a kind
 *   this version does not know
 */
const StoryProvider *
story_provider_for_kind (const char *kind)
{
  if (kind == NULL || *kind == '\0')
    return &story_provider_json_feed;

  for (guint i = 0; providers[i] != NULL; i++)
    {
      if (g_str_equal (providers[i]->kind, kind))
        return providers[i];
    }

  return NULL;
}

/**
 * story_provider_detect_url:
 *
 * Returns: (transfer none) (nullable): the provider whose API lives at
 *   @url's host, when it is a known one
 */
const StoryProvider *
story_provider_detect_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  for (guint i = 0; providers[i] != NULL; i++)
    {
      if (providers[i]->detect_url != NULL && providers[i]->detect_url (uri))
        return providers[i];
    }

  return NULL;
}

const char *
story_provider_get_display_name (const StoryProvider *provider)
{
  g_return_val_if_fail (provider != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, provider->name);
}

StoryProviderRequest *
story_provider_request_new (const char *url)
{
  StoryProviderRequest *request = g_new0 (StoryProviderRequest, 1);

  request->url = g_strdup (url);
  request->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (request->headers, NULL);

  return request;
}

void
story_provider_request_add_header (StoryProviderRequest *request,
                                   const char           *name,
                                   const char           *value)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  /* The array ends with NULL: the pair goes in before it. */
  g_ptr_array_insert (request->headers, request->headers->len - 1, g_strdup (name));
  g_ptr_array_insert (request->headers, request->headers->len - 1, g_strdup (value));
}

void
story_provider_request_free (StoryProviderRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->url);
  g_free (request->accept);
  g_clear_pointer (&request->headers, g_ptr_array_unref);
  g_free (request);
}

/**
 * story_provider_build_request:
 * @page_url: the page to ask for, as the provider named it
 *
 * Returns: (transfer full): the request, with whatever the API wants
 */
StoryProviderRequest *
story_provider_build_request (const StoryProvider        *provider,
                              const StoryProviderContext *context,
                              const char                 *page_url)
{
  StoryProviderRequest *request;

  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (page_url != NULL, NULL);

  request = story_provider_request_new (page_url);
  if (provider->prepare != NULL)
    provider->prepare (context, page_url, request);

  return request;
}

/**
 * story_provider_set_status_error:
 * @status: an HTTP status of 400 or more
 * @body: (nullable): what the service said
 *
 * Sets @error to a sentence saying what the failure means, in the service's
 * own words when it gave some.
 */
void
story_provider_set_status_error (const StoryProvider  *provider,
                                 guint                 status,
                                 GBytes               *body,
                                 GError              **error)
{
  g_return_if_fail (provider != NULL);

  if (provider->explain_error != NULL)
    {
      provider->explain_error (status, body, error);
      if (error == NULL || *error != NULL)
        return;
    }

  if (status == 401 || status == 403)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_BAD_KEY,
                 /* Translators: %s is a service, like “The Guardian”; %u an HTTP status */
                 _("%s refused access (%u): check the API key or the account"),
                 story_provider_get_display_name (provider), status);
  else if (status == 429)
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_RATE_LIMITED,
                 _("%s asks to slow down: too many requests (429)"),
                 story_provider_get_display_name (provider));
  else
    g_set_error (error, STORY_PROVIDER_ERROR, STORY_PROVIDER_ERROR_SERVICE,
                 _("%s answered %u %s"), story_provider_get_display_name (provider), status,
                 soup_status_get_phrase (status) ?: "");
}

/**
 * story_provider_url_with_param:
 *
 * Returns: (transfer full): @url with the query parameter @name set to
 *   @value (replacing any it had)
 */
char *
story_provider_url_with_param (const char *url,
                               const char *name,
                               const char *value)
{
  const char *names[] = { name, NULL };
  g_autofree char *stripped = story_provider_url_strip_params (url, names, NULL);
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);
  const char *hash = strchr (stripped, '#');
  g_autofree char *head = g_strndup (stripped, hash ? (gsize)(hash - stripped) : strlen (stripped));
  const char *separator = strchr (head, '?') == NULL ? "?"
                          : g_str_has_suffix (head, "?") || g_str_has_suffix (head, "&") ? ""
                          : "&";

  return g_strconcat (head, separator, escaped_name, "=", escaped_value, hash ? hash : "", NULL);
}

/**
 * story_provider_url_strip_params:
 * @names: query parameters to remove (compared without case)
 * @removed_value: (out) (optional) (transfer full): the value of the first
 *   one removed, unescaped
 *
 * Done on the text, so that the rest of the address stays as it was given.
 *
 * Returns: (transfer full): @url without those parameters
 */
char *
story_provider_url_strip_params (const char          *url,
                                 const char * const  *names,
                                 char               **removed_value)
{
  const char *query;
  const char *hash;
  GString *out;
  g_auto(GStrv) pairs = NULL;
  g_autofree char *query_text = NULL;
  gboolean first = TRUE;

  g_return_val_if_fail (url != NULL, NULL);

  if (removed_value != NULL)
    *removed_value = NULL;

  query = strchr (url, '?');
  hash = strchr (url, '#');
  if (query == NULL || (hash != NULL && hash < query))
    return g_strdup (url);

  out = g_string_new_len (url, query - url);
  query_text = g_strndup (query + 1, hash ? (gsize)(hash - query - 1) : strlen (query + 1));
  pairs = g_strsplit (query_text, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *raw_name = g_strndup (pairs[i], equals ? (gsize)(equals - pairs[i])
                                                              : strlen (pairs[i]));
      g_autofree char *pair_name = g_uri_unescape_string (raw_name, NULL);
      gboolean drop = FALSE;

      if (pairs[i][0] == '\0')
        continue;

      for (guint j = 0; names[j] != NULL && pair_name != NULL && !drop; j++)
        drop = g_ascii_strcasecmp (pair_name, names[j]) == 0;

      if (drop)
        {
          if (removed_value != NULL && *removed_value == NULL)
            *removed_value = g_uri_unescape_string (equals ? equals + 1 : "", NULL);
          continue;
        }

      g_string_append_c (out, first ? '?' : '&');
      g_string_append (out, pairs[i]);
      first = FALSE;
    }

  if (hash != NULL)
    g_string_append (out, hash);

  return g_string_free (out, FALSE);
}

/**
 * story_provider_clean_text:
 *
 * Plain text for a title or a name: valid UTF-8, entities decoded,
 * whitespace runs collapsed, control characters dropped, cut at
 * @max_chars.
 *
 * Returns: (transfer full) (nullable): the text, %NULL when nothing is left
 */
char *
story_provider_clean_text (const char *text,
                           gsize       max_chars)
{
  g_autofree char *valid = NULL;
  g_autofree char *decoded = NULL;
  GString *out;
  gboolean space = FALSE;
  gsize n_chars = 0;

  if (text == NULL)
    return NULL;

  valid = story_utf8_make_valid (text, -1);
  decoded = story_html_decode_entities (valid);
  out = g_string_sized_new (strlen (decoded));

  for (const char *p = decoded; *p != '\0' && n_chars < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0)
        {
          space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (space)
        {
          if (n_chars + 1 >= max_chars)
            break;
          g_string_append_c (out, ' ');
          n_chars++;
        }
      space = FALSE;
      g_string_append_unichar (out, c);
      n_chars++;
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* Counts nesting and values (containers and separators) outside strings, in
 * one pass and without allocating. A truncated or malformed document passes
 * here and is refused by json-glib with its own message. */
/**
 * story_provider_check_json_shape:
 * @data: (array length=size): a JSON document
 *
 * Checks the limits every JSON source shares before anything parses the
 * document: nesting depth and number of values.
 *
 * Returns: whether @data is within them; otherwise @error is set to a
 *   sentence a user can read
 */
gboolean
story_provider_check_json_shape (const char  *data,
                                 gsize        size,
                                 GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint n_values = 1;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          i = story_json_skip_string_text (data, i, size);
          if (i < size && data[i] == '\\')
            i++;
          else
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '{':
        case '[':
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_TOO_COMPLEX,
                           _("Not a feed Storyline can read: it is nested more than %u levels "
                             "deep"), MAX_JSON_DEPTH);
              return FALSE;
            }
          n_values++;
          break;

        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;

        case ',':
          n_values++;
          break;

        default:
          break;
        }

      if (n_values > MAX_JSON_VALUES)
        {
          g_set_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_TOO_COMPLEX,
                       _("Not a feed Storyline can read: it holds more than %u values"),
                       MAX_JSON_VALUES);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * story_provider_load_json:
 * @body: a JSON document as downloaded
 *
 * Parses @body within the limits every JSON source shares: not empty, not
 * too deep or too big, invalid UTF-8 replaced rather than refused.
 *
 * Returns: (transfer full): the parser, holding a root that is not %NULL,
 *   or %NULL with @error (in %STORY_FEED_ERROR) set to a sentence a user
 *   can read
 */
JsonParser *
story_provider_load_json (GBytes      *body,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *valid = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  if (size == 0 || data == NULL)
    {
      g_set_error_literal (error, STORY_FEED_ERROR, STORY_FEED_ERROR_EMPTY,
                           _("The document is empty"));
      return NULL;
    }

  if (!story_provider_check_json_shape (data, size, error))
    return NULL;

  /* json-glib refuses a whole document for one byte that is not UTF-8; a
   * feed with a stray Latin-1 byte in a title is still a feed, so broken
   * sequences become U+FFFD first. (A charset the server declared was
   * already converted by StoryHttp.) */
  if (!story_utf8_validate (data, size))
    {
      valid = g_utf8_make_valid (data, size);
      data = valid;
      size = strlen (valid);
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib quotes the document in its message, invalid UTF-8 and all. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, STORY_FEED_ERROR, STORY_FEED_ERROR_INVALID_JSON,
                   _("Not valid JSON: %s"), message);
      return NULL;
    }

  /* json-glib accepts blank input with a NULL root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, STORY_FEED_ERROR, STORY_FEED_ERROR_NOT_A_FEED,
                           _("The document is empty"));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/**
 * story_provider_html_to_plain:
 *
 * Plain text of an HTML fragment an API gives for a title or a summary.
 *
 * Returns: (transfer full) (nullable): the text, cut at @max_chars
 */
char *
story_provider_html_to_plain (const char *html,
                              gsize       max_chars)
{
  g_autofree char *valid = NULL;
  g_autofree char *text = NULL;

  if (html == NULL)
    return NULL;

  /* Only markup goes through the HTML parser: a plain title keeps its “<3”. */
  valid = story_utf8_make_valid (html, -1);
  if (strchr (valid, '<') == NULL)
    return story_provider_clean_text (valid, max_chars);

  text = story_html_to_text (valid);
  return story_provider_clean_text (text, max_chars);
}

/**
 * story_provider_text_to_html:
 *
 * Returns: (transfer full) (nullable): plain text as escaped paragraphs
 */
char *
story_provider_text_to_html (const char *text)
{
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *valid = NULL;
  GString *html;

  if (story_str_empty (text))
    return NULL;

  valid = story_utf8_make_valid (text, -1);
  html = g_string_new (NULL);
  paragraphs = g_regex_split_simple ("\\n\\s*\\n", valid, 0, 0);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (paragraphs[i]));
      g_autofree char *escaped = NULL;

      if (stripped[0] == '\0')
        continue;
      escaped = g_markup_escape_text (stripped, -1);
      g_string_append_printf (html, "<p>%s</p>\n", escaped);
    }

  if (html->len == 0)
    {
      g_string_free (html, TRUE);
      return NULL;
    }

  return g_string_free (html, FALSE);
}

/**
 * story_provider_web_url:
 * @base_url: (nullable): what a relative address resolves against; only
 *   absolute addresses are taken when %NULL
 *
 * Returns: (transfer full) (nullable): @url as an absolute http(s) address
 */
char *
story_provider_web_url (const char *base_url,
                        const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *absolute = NULL;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  if (trimmed[0] == '\0' || g_str_equal (trimmed, "null"))
    return NULL;

  if (base_url != NULL)
    absolute = story_resolve_url (base_url, trimmed);
  else if (g_uri_is_valid (trimmed, G_URI_FLAGS_NONE, NULL))
    absolute = g_steal_pointer (&trimmed);

  if (absolute == NULL ||
      !(g_str_has_prefix (absolute, "https://") || g_str_has_prefix (absolute, "http://")))
    return NULL;

  return g_steal_pointer (&absolute);
}

/**
 * story_provider_get_query_param:
 *
 * Returns: (transfer full) (nullable): the unescaped value of the query
 *   parameter @name of @url
 */
char *
story_provider_get_query_param (const char *url,
                                const char *name)
{
  const char *names[] = { name, NULL };
  char *value = NULL;

  g_free (story_provider_url_strip_params (url, names, &value));
  return value;
}

/**
 * story_provider_add_tag:
 * @tags: (element-type utf8): the article's topic hints so far
 *
 * Adds @tag as plain text, unless it is blank, already there (in any
 * case), or @tags is full.
 */
void
story_provider_add_tag (GPtrArray  *tags,
                        const char *tag)
{
  g_autofree char *clean = story_provider_clean_text (tag, 120);
  g_autofree char *folded = NULL;

  if (clean == NULL || tags->len >= STORY_PROVIDER_MAX_TAGS)
    return;

  folded = g_utf8_casefold (clean, -1);
  for (guint i = 0; i < tags->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (tags, i), -1);

      if (g_str_equal (other, folded))
        return;
    }

  g_ptr_array_add (tags, g_steal_pointer (&clean));
}

/**
 * story_provider_set_tags:
 * @tags: (element-type utf8): topic hints from story_provider_add_tag()
 */
void
story_provider_set_tags (StoryArticle *article,
                         GPtrArray    *tags)
{
  if (tags->len == 0)
    return;

  g_ptr_array_add (tags, NULL);
  story_article_set_tags (article, (const char * const *)tags->pdata);
  g_ptr_array_remove_index (tags, tags->len - 1);
}

/**
 * story_provider_set_author:
 * @name: (nullable): one author's name (or several, as the service wrote them)
 */
void
story_provider_set_author (StoryArticle *article,
                           const char   *name)
{
  g_autofree char *clean = story_provider_clean_text (name, 200);
  const char *authors[] = { clean, NULL };

  if (clean != NULL)
    story_article_set_authors (article, authors);
}

/**
 * story_provider_new_page:
 *
 * Returns: (transfer full): an empty page of articles
 */
StoryFeed *
story_provider_new_page (void)
{
  StoryFeed *page = g_new0 (StoryFeed, 1);

  page->articles = g_ptr_array_new_with_free_func (g_object_unref);
  return page;
}

/**
 * story_provider_next_page_url:
 * @page_url: the page just read, with its page number in the query
 *   parameter @param (the first page when there is none)
 * @n_pages: how many pages the service says there are
 *
 * Returns: (transfer full) (nullable): the next page's address, or %NULL
 *   after the last
 */
char *
story_provider_next_page_url (const char *page_url,
                              const char *param,
                              gint64      n_pages)
{
  g_autofree char *current_text = story_provider_get_query_param (page_url, param);
  gint64 current = 1;
  g_autofree char *next = NULL;

  if (current_text != NULL)
    current = g_ascii_strtoll (current_text, NULL, 10);
  if (current < 1 || current >= n_pages || current >= G_MAXINT32)
    return NULL;

  next = g_strdup_printf ("%" G_GINT64_FORMAT, current + 1);
  return story_provider_url_with_param (page_url, param, next);
}

/**
 * story_provider_json_int:
 *
 * Returns: an integer member, also one sent as a string; @default_value
 *   when there is none
 */
gint64
story_provider_json_int (JsonObject *object,
                         const char *member,
                         gint64      default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value >= -9e15 && value <= 9e15)
        return (gint64)value;
      return default_value;
    }
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (text, &end, 10);
      if (errno == 0 && end != text && *end == '\0')
        return value;
    }

  return default_value;
}

/**
 * story_provider_service_message:
 *
 * Returns: (transfer full) (nullable): what a JSON error body says, as
 *   clean, short plain text: its "message" (or the member named @member),
 *   looked for at the top and in "response" and "error"
 */
char *
story_provider_service_message (GBytes     *body,
                                const char *member)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  const char *places[] = { NULL, "response", "error" };

  if (body == NULL)
    return NULL;

  parser = story_provider_load_json (body, NULL);
  if (parser == NULL)
    return NULL;

  root = story_json_node_object (json_parser_get_root (parser));
  for (guint i = 0; root != NULL && i < G_N_ELEMENTS (places); i++)
    {
      JsonObject *object = places[i] ? story_json_get_object (root, places[i]) : root;
      const char *message = story_json_get_string (object, member ? member : "message");

      if (message == NULL && places[i] != NULL)
        message = story_json_get_string (root, places[i]);
      if (message != NULL)
        return story_provider_clean_text (message, 300);
    }

  return NULL;
}

/**
 * story_provider_changed_since_cursor:
 * @cursor: (nullable): where the last sync resumed
 * @articles: (nullable) (element-type StoryArticle): the articles just stored
 * @margin: seconds to go back, for the service's clock and late changes
 *
 * The cursor of an API asked for what changed since a date: the newest change
 * (or publication) among @articles less @margin, as RFC 3339.
 *
 * Returns: (transfer full) (nullable): the next cursor; @cursor again when
 *   no article has a date
 */
char *
story_provider_changed_since_cursor (const char *cursor,
                                     GPtrArray  *articles,
                                     gint64      margin)
{
  gint64 newest = STORY_TIME_UNKNOWN;

  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      StoryArticle *article = g_ptr_array_index (articles, i);
      gint64 changed = story_article_get_updated (article);

      if (changed == STORY_TIME_UNKNOWN)
        changed = story_article_get_published (article);
      if (changed != STORY_TIME_UNKNOWN && (newest == STORY_TIME_UNKNOWN || changed > newest))
        newest = changed;
    }

  if (newest == STORY_TIME_UNKNOWN || newest - margin < 0)
    return g_strdup (cursor);

  return story_date_format_rfc3339 (newest - margin);
}

/**
 * story_provider_headline_page:
 * @root: a headline API's answer (NewsAPI, GNews)
 * @articles: its array of articles
 * @page_url: the page's address; its "category" is the articles' topic hint
 * @parse: makes one article
 * @total_member: the answer's member with how many articles the query has
 * @size_param: the query's parameter with how many come on a page
 * @default_size: the page size when the query does not say
 *
 * Returns: (transfer full): the page, with the next page's address while
 *   there are more
 */
StoryFeed *
story_provider_headline_page (JsonObject          *root,
                              JsonArray           *articles,
                              const char          *page_url,
                              StoryHeadlineParser  parse,
                              const char          *total_member,
                              const char          *size_param,
                              gint64               default_size)
{
  g_autoptr(StoryFeed) page = story_provider_new_page ();
  g_autofree char *category = story_provider_get_query_param (page_url, "category");
  g_autofree char *size_text = story_provider_get_query_param (page_url, size_param);
  guint n = json_array_get_length (articles);
  gint64 total = story_provider_json_int (root, total_member, 0);
  gint64 size = size_text != NULL ? g_ascii_strtoll (size_text, NULL, 10) : default_size;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = story_json_node_object (json_array_get_element (articles, i));
      StoryArticle *article = object != NULL ? parse (object, category) : NULL;

      if (article == NULL)
        page->n_skipped++;
      else
        g_ptr_array_add (page->articles, article);
    }

  if (n > 0 && size > 0 && total > 0)
    page->next_url = story_provider_next_page_url (page_url, "page", (total + size - 1) / size);

  return g_steal_pointer (&page);
}

/**
 * story_provider_parse_headline:
 * @object: one article of a headline API (NewsAPI, GNews)
 * @image_member: the member that holds its picture's address
 * @teaser: (nullable): its shortened content, the service's "[+N chars]" marker removed
 * @category: (nullable): the category asked for, a topic hint
 *
 * These APIs give no id and no body: the address is the article's identity,
 * and its body is the description followed by the teaser when that says more.
 *
 * Returns: (transfer full) (nullable): the article; %NULL without an address
 */
StoryArticle *
story_provider_parse_headline (JsonObject *object,
                               const char *image_member,
                               const char *teaser,
                               const char *category)
{
  g_autoptr(StoryArticle) article = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = story_provider_web_url (NULL, story_json_get_string (object, "url"));
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *html = NULL;
  g_autofree char *image = NULL;

  if (url == NULL)
    return NULL;

  article = story_article_new ();
  story_article_set_remote_id (article, url);
  story_article_set_url (article, url);

  title = story_provider_clean_text (story_json_get_string (object, "title"),
                                     STORY_PROVIDER_MAX_TITLE_CHARS);
  story_article_set_title (article, title);

  summary = story_provider_html_to_plain (story_json_get_string (object, "description"),
                                          STORY_PROVIDER_MAX_SUMMARY_CHARS);
  story_article_set_summary (article, summary);

  if (teaser != NULL && teaser[0] != '\0' &&
      (summary == NULL || !g_str_has_prefix (teaser, summary)))
    {
      g_autofree char *plain = story_provider_html_to_plain (teaser,
                                                             STORY_PROVIDER_MAX_SUMMARY_CHARS);
      g_autofree char *both = summary ? g_strconcat (summary, "\n\n", plain, NULL) : NULL;

      html = story_provider_text_to_html (both ? both : plain);
    }
  else
    html = story_provider_text_to_html (summary);
  story_article_set_content_html (article, html);

  story_provider_set_author (article, story_json_get_string (object, "author"));
  story_article_set_published (article,
                               story_date_parse (story_json_get_string (object, "publishedAt")));

  image = story_provider_web_url (NULL, story_json_get_string (object, image_member));
  story_article_set_image (article, image);

  if (category != NULL)
    {
      g_autofree char *label = g_strdup (category);

      label[0] = g_ascii_toupper (label[0]);
      story_provider_add_tag (tags, label);
    }
  story_provider_set_tags (article, tags);

  return g_steal_pointer (&article);
}

/**
 * story_provider_push_numbered_runs:
 * @changes: (element-type StoryPendingChange): the queued changes, oldest first
 * @max_batch: how many entries one request may name
 * @send: sends one run
 * @n_pushed: (out): how many of @changes were sent, even on failure
 *
 * Pushes a two-way account's changes for a service that numbers its entries:
 * runs of the same change go in one request; the runs keep their order, so the
 * last change to an entry is the one that stays. An id that is not a number
 * was never this server's, and is dropped.
 *
 * Returns: whether every run was taken
 */
gboolean
story_provider_push_numbered_runs (const StoryProviderContext  *context,
                                   StoryHttp                   *http,
                                   GPtrArray                   *changes,
                                   guint                        max_batch,
                                   StoryProviderSendIds         send,
                                   guint                       *n_pushed,
                                   GCancellable                *cancellable,
                                   GError                     **error)
{
  guint start = 0;

  *n_pushed = 0;

  while (start < changes->len)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      StoryPendingChange *first = g_ptr_array_index (changes, start);
      guint end = start;

      for (; end < changes->len && ids->len < max_batch; end++)
        {
          StoryPendingChange *change = g_ptr_array_index (changes, end);
          char *tail = NULL;
          gint64 id;

          if (change->field != first->field || change->value != first->value)
            break;

          id = g_ascii_strtoll (change->remote_id, &tail, 10);
          if (tail != change->remote_id && *tail == '\0' && id > 0)
            g_array_append_val (ids, id);
        }

      if (ids->len > 0 &&
          !send (context, http, ids, first->field, first->value, cancellable, error))
        return FALSE;

      *n_pushed = end;
      start = end;
    }

  return TRUE;
}

/**
 * story_provider_send_json:
 * @url: where to send it, on the account's server
 * @method: %SOUP_METHOD_PUT, %SOUP_METHOD_POST…
 * @builder: the document, complete
 *
 * Sends a two-way account's change to its server, with the account's
 * credentials (@provider's prepare()). Blocks; the sync's thread.
 *
 * Returns: whether the server took it; else @error says why in words
 */
gboolean
story_provider_send_json (const StoryProvider         *provider,
                          const StoryProviderContext  *context,
                          StoryHttp                   *http,
                          const char                  *url,
                          const char                  *method,
                          JsonBuilder                 *builder,
                          GCancellable                *cancellable,
                          GError                     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(StoryProviderRequest) page_request = NULL;
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  StoryHttpRequest request = { NULL };
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  body = g_bytes_new_take (text, length);

  page_request = story_provider_build_request (provider, context, url);
  request.url = page_request->url;
  request.accept = page_request->accept;
  request.headers = (const char * const *)page_request->headers->pdata;
  request.method = method;
  request.body = body;
  request.content_type = "application/json";
  request.keep_error_body = TRUE;

  response = story_http_get (http, &request, NULL, cancellable, error);
  if (response == NULL)
    return FALSE;

  if (response->status >= 400)
    {
      story_provider_set_status_error (provider, response->status, response->body, error);
      return FALSE;
    }

  return TRUE;
}
