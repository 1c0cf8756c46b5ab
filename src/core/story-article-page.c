/* story-article-page.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The page the reading pane shows for an article. Every text field is
 * escaped; only the body, which was sanitized before it was stored, goes in
 * as markup. The stylesheet is injected by the reading pane. */

#define G_LOG_DOMAIN "story-article-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "story-article-page.h"
#include "story-date.h"
#include "story-sanitizer.h"
#include "story-util.h"

char *
story_article_uri_for_id (gint64 article_id)
{
  return g_strdup_printf (STORY_ARTICLE_URI_PREFIX "%" G_GINT64_FORMAT, article_id);
}

/* Returns: the article id in a storyline://article/ID URI, or 0 */
gint64
story_article_id_from_uri (const char *uri)
{
  guint64 id;

  if (uri == NULL || !g_str_has_prefix (uri, STORY_ARTICLE_URI_PREFIX))
    return 0;

  if (!g_ascii_string_to_unsigned (uri + strlen (STORY_ARTICLE_URI_PREFIX), 10, 1, G_MAXINT64,
                                    &id, NULL))
    return 0;

  return (gint64)id;
}

/* The hosts the sanitizer lets embeds come from, as it writes them out; they
 * match STORY_ARTICLE_CSP_REMOTE. */
static const char * const embed_hosts[] = {
  "www.youtube-nocookie.com",
  "player.vimeo.com",
  "w.soundcloud.com",
  "open.spotify.com",
};

/* Returns: whether @url is an https URL on an allowlisted embed host */
gboolean
story_article_page_is_embed_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || !g_str_has_prefix (url, "https://"))
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_uri_get_port (uri) != -1 && g_uri_get_port (uri) != 443))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (embed_hosts); i++)
    if (g_ascii_strcasecmp (g_uri_get_host (uri), embed_hosts[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
append_escaped (GString    *page,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (page, escaped);
}

static char *
format_long_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == STORY_TIME_UNKNOWN)
    return NULL;

  dt = g_date_time_new_from_unix_local (unix_time);
  if (dt == NULL)
    return NULL;

  /* Translators: an article's date and time, see the strftime manual */
  return g_date_time_format (dt, _("%e %B %Y, %H:%M"));
}

static gboolean
body_shows_image (StoryArticle *article,
                  const char   *image_uri)
{
  const char *body = story_article_get_content_html (article);

  return body != NULL && strstr (body, image_uri) != NULL;
}

static char *
dup_host (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_strdup (g_uri_get_host (uri));
}

/* The sanitizer writes every embed as <iframe src="URL" ...></iframe>, the
 * URL attribute-escaped. Without remote content each becomes a link that
 * names the host and asks for this article with remote content on. Anything
 * that does not look like that, or comes from elsewhere, is left alone: the
 * content-security policy forbids those frames anyway. */
static void
append_body (GString      *page,
             StoryArticle *article,
             gboolean      load_remote)
{
  const char *body = story_article_get_content_html (article);
  const char *p = body;
  const char *start;

  if (body == NULL)
    return;

  if (load_remote)
    {
      g_string_append (page, body);
      return;
    }

  while ((start = strstr (p, "<iframe src=\"")) != NULL)
    {
      const char *url = start + strlen ("<iframe src=\"");
      const char *url_end = strchr (url, '"');
      const char *end = url_end != NULL ? strstr (url_end, "></iframe>") : NULL;
      g_autofree char *escaped_url = NULL;
      g_autofree char *frame_url = NULL;
      g_autofree char *host = NULL;
      g_autofree char *label = NULL;

      if (end == NULL)
        break;

      escaped_url = g_strndup (url, url_end - url);
      frame_url = story_html_decode_entities (escaped_url);
      host = dup_host (frame_url);

      g_string_append_len (page, p, start - p);
      p = end + strlen ("></iframe>");

      /* Only an embed remote content would allow is worth offering. */
      if (!story_article_page_is_embed_url (frame_url))
        {
          g_string_append_len (page, start, p - start);
          continue;
        }

      g_string_append_printf (page, "<div class=\"embed\"><a href=\"" STORY_LOAD_REMOTE_URI_PREFIX
                              "%" G_GINT64_FORMAT "\">", story_article_get_id (article));
      /* Translators: a placeholder for a video or other embed; %s is a host name */
      label = g_strdup_printf (_("Load embedded content from %s"),
                               host != NULL ? host : _("another site"));
      append_escaped (page, label);
      g_string_append (page, "</a></div>");
    }

  g_string_append (page, p);
}

/**
 * story_article_page_render:
 * @related: (element-type StoryArticle) (nullable): "More on this theme"
 * @terms: (array zero-terminated=1) (nullable): the words the article shares
 *   with its theme, shown under the theme's name to say why it is there
 * @style_class: (nullable): classes for the root element ("dark", "sepia")
 * @load_remote: whether the article's embeds may load from the network
 * @now: the current unix time, for relative times
 *
 * Returns: (transfer full): a whole HTML document for the reading pane
 */
char *
story_article_page_render (StoryArticle       *article,
                           GPtrArray          *related,
                           const char * const *terms,
                           const char         *style_class,
                           gboolean            load_remote,
                           gint64              now)
{
  GString *page = g_string_sized_new (16 * 1024);
  const char * const *authors = story_article_get_authors (article);
  const char *image = story_article_get_image (article);
  const char *link = story_article_get_url (article);
  const char *title = story_article_get_title (article);
  g_autofree char *date = format_long_date (story_article_get_published (article));

  g_return_val_if_fail (STORY_IS_ARTICLE (article), NULL);

  g_string_append (page, "<!DOCTYPE html>\n<html class=\"");
  append_escaped (page, style_class);
  /* The policy is repeated in the page so that it holds wherever the page is shown. */
  g_string_append (page, "\"><head><meta charset=\"utf-8\">"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"");
  g_string_append (page, load_remote ? STORY_ARTICLE_CSP_REMOTE : STORY_ARTICLE_CSP_STRICT);
  g_string_append (page, "\">"
                         "<meta name=\"referrer\" content=\"no-referrer\">"
                         "<meta name=\"color-scheme\" content=\"light dark\">"
                         "<title>");
  append_escaped (page, title ? title : _("Untitled article"));
  g_string_append (page, "</title></head><body>\n<article>\n<header>\n");

  if (story_article_get_theme_label (article) != NULL)
    {
      g_string_append (page, "<p class=\"theme\">");
      append_escaped (page, story_article_get_theme_label (article));
      g_string_append (page, "</p>\n");

      if (terms != NULL && terms[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **)terms);
          /* Translators: why an article is in its theme; %s is a list of words
           * it shares with the theme's other articles, like "Marren, ceasefire, talks" */
          g_autofree char *why = g_strdup_printf (_("In this theme for: %s"), joined);

          g_string_append (page, "<p class=\"why\">");
          append_escaped (page, why);
          g_string_append (page, "</p>\n");
        }
    }

  g_string_append (page, "<h1>");
  append_escaped (page, title ? title : _("Untitled article"));
  g_string_append (page, "</h1>\n<p class=\"byline\"><span class=\"source\">");
  append_escaped (page, story_article_get_source_title (article));
  g_string_append (page, "</span>");
  if (authors != NULL && authors[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", (char **)authors);

      g_string_append (page, " · <span class=\"author\">");
      append_escaped (page, names);
      g_string_append (page, "</span>");
    }
  if (date != NULL)
    {
      g_autofree char *iso = story_date_format_rfc3339 (story_article_get_published (article));

      g_string_append (page, " · <time datetime=\"");
      append_escaped (page, iso);
      g_string_append (page, "\">");
      append_escaped (page, g_strstrip (date));
      g_string_append (page, "</time>");
    }
  g_string_append (page, "</p>\n");

  if (image != NULL)
    {
      g_autofree char *image_uri = story_image_uri_for_url (image);

      /* A hero image is shown only when the body does not already open with it. */
      if (image_uri != NULL && !body_shows_image (article, image_uri))
        {
          g_string_append (page, "<figure class=\"hero\"><img src=\"");
          append_escaped (page, image_uri);
          g_string_append (page, "\" alt=\"\"></figure>\n");
        }
    }

  g_string_append (page, "</header>\n<div class=\"content\">\n");
  append_body (page, article, load_remote);
  g_string_append (page, "\n</div>\n");

  if (link != NULL && (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://")))
    {
      g_string_append (page, "<p class=\"original\"><a href=\"");
      append_escaped (page, link);
      g_string_append (page, "\">");
      append_escaped (page, _("Read the original article"));
      g_string_append (page, "</a></p>\n");
    }
  g_string_append (page, "</article>\n");

  if (related != NULL && related->len > 0)
    {
      g_string_append (page, "<aside class=\"more\">\n<h2>");
      append_escaped (page, _("More on this theme"));
      g_string_append (page, "</h2>\n<ul>\n");

      for (guint i = 0; i < related->len; i++)
        {
          StoryArticle *other = g_ptr_array_index (related, i);
          g_autofree char *uri = story_article_uri_for_id (story_article_get_id (other));
          g_autofree char *when = story_date_format_relative (story_article_get_published (other),
                                                              now);

          g_string_append (page, "<li><a href=\"");
          append_escaped (page, uri);
          g_string_append_printf (page, "\" data-article-id=\"%" G_GINT64_FORMAT "\">",
                                  story_article_get_id (other));
          append_escaped (page, story_article_get_title (other) ?: _("Untitled article"));
          g_string_append (page, "</a><span class=\"meta\">");
          append_escaped (page, story_article_get_source_title (other));
          if (when[0] != '\0')
            {
              g_string_append (page, " · ");
              append_escaped (page, when);
            }
          g_string_append (page, "</span></li>\n");
        }

      g_string_append (page, "</ul>\n</aside>\n");
    }

  g_string_append (page, "</body></html>\n");

  return g_string_free (page, FALSE);
}
