/* story-opml.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The subscription list in and out as OPML, the format every reader speaks.
 * Reading goes through libxml2 without network access or entity expansion;
 * writing escapes every attribute. */

#define G_LOG_DOMAIN "story-opml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "story-opml.h"
#include "story-secrets.h"
#include "story-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_QUARK (story-opml-error-quark, story_opml_error)

void
story_opml_outline_free (StoryOpmlOutline *outline)
{
  if (outline == NULL)
    return;

  g_free (outline->url);
  g_free (outline->title);
  g_free (outline->home_page_url);
  g_free (outline);
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *)name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strstrip (g_strdup ((const char *)value));
  xmlFree (value);
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

/* Folders nest outlines; every outline with an xmlUrl is a subscription. */
static void
collect_outlines (xmlNode   *node,
                  GPtrArray *outlines)
{
  for (; node != NULL; node = node->next)
    {
      g_autofree char *url = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (g_str_equal ((const char *)node->name, "outline") &&
          (url = get_attribute (node, "xmlUrl")) != NULL)
        {
          StoryOpmlOutline *outline = g_new0 (StoryOpmlOutline, 1);

          outline->url = g_steal_pointer (&url);
          outline->title = get_attribute (node, "title");
          if (outline->title == NULL)
            outline->title = get_attribute (node, "text");
          outline->home_page_url = get_attribute (node, "htmlUrl");
          g_ptr_array_add (outlines, outline);
        }

      collect_outlines (node->children, outlines);
    }
}

/**
 * story_opml_parse:
 *
 * Returns: (transfer full) (element-type StoryOpmlOutline): the subscriptions
 *   in document order, or %NULL with @error set when this is not OPML
 */
GPtrArray *
story_opml_parse (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > 0 && length <= G_MAXINT)
    doc = xmlReadMemory (data, (int)length, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !g_str_equal ((const char *)root->name, "opml"))
    {
      g_set_error_literal (error, STORY_OPML_ERROR, STORY_OPML_ERROR_INVALID,
                           _("This is not an OPML subscription list"));
      return NULL;
    }

  outlines = g_ptr_array_new_with_free_func ((GDestroyNotify)story_opml_outline_free);
  collect_outlines (root->children, outlines);

  return g_steal_pointer (&outlines);
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, " %s=\"", name);

  /* A reader turns a literal tab or line break in an attribute into a space:
   * write them as references so a title comes back as it went out. */
  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '\t')
        g_string_append (out, "&#9;");
      else if (*p == '\n')
        g_string_append (out, "&#10;");
      else if (*p == '\r')
        g_string_append (out, "&#13;");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * story_opml_write:
 * @sources: (element-type StorySource): the subscriptions
 *
 * Web feeds only: local and bundled sources mean nothing to another reader.
 *
 * Returns: (transfer full): an OPML 2.0 document
 */
char *
story_opml_write (GPtrArray *sources)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<opml version=\"2.0\">\n"
                               "  <head>\n"
                               "    <title>Storyline subscriptions</title>\n");

  g_return_val_if_fail (sources != NULL, NULL);

  g_string_append_printf (out, "    <dateCreated>%s</dateCreated>\n", date);
  g_string_append (out, "  </head>\n  <body>\n");

  for (guint i = 0; i < sources->len; i++)
    {
      StorySource *source = g_ptr_array_index (sources, i);
      /* Never credentials, even those an older version left in an address:
       * they live in the keyring, and an OPML file goes anywhere. */
      g_autofree char *url = story_url_redact (story_source_get_url (source));
      g_autofree char *home_page_url = story_url_redact (story_source_get_home_page_url (source));
      const char *title = story_source_get_title (source) ?: url;

      /* The bundled sample (a resource: URI) means nothing to another reader. */
      if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
        continue;

      g_string_append (out, "    <outline type=\"rss\"");
      append_attribute (out, "text", title);
      append_attribute (out, "title", title);
      append_attribute (out, "xmlUrl", url);
      append_attribute (out, "htmlUrl", home_page_url);
      g_string_append (out, "/>\n");
    }

  g_string_append (out, "  </body>\n</opml>\n");

  return g_string_free (out, FALSE);
}

/**
 * story_opml_import:
 * @stats: (out caller-allocates) (optional): how many were new
 *
 * Subscribes to every feed of an OPML file; feeds already subscribed are
 * counted and left alone. Only web addresses are taken. Credentials in an
 * address go to the keyring (see story_store_add_source()); when it cannot
 * take them, that feed is left out, the others are added (@stats counts
 * them) and @error names it. Blocks on the keyring: not for the main thread.
 */
gboolean
story_opml_import (StoryStore            *store,
                   const char            *data,
                   gsize                  length,
                   StoryOpmlImportStats  *stats,
                   GError               **error)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GError) keyring_error = NULL;
  StoryOpmlImportStats local_stats = { 0 };

  g_return_val_if_fail (STORY_IS_STORE (store), FALSE);

  outlines = story_opml_parse (data, length, error);
  if (outlines == NULL)
    return FALSE;

  for (guint i = 0; i < outlines->len; i++)
    {
      StoryOpmlOutline *outline = g_ptr_array_index (outlines, i);
      g_autoptr(StorySource) source = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!g_str_has_prefix (outline->url, "http://") &&
          !g_str_has_prefix (outline->url, "https://"))
        continue;

      source = story_store_add_source (store, "json-feed", outline->url, outline->title,
                                       &local_error);
      if (source != NULL)
        {
          local_stats.n_added++;
          if (outline->home_page_url != NULL)
            {
              story_source_set_home_page_url (source, outline->home_page_url);
              story_store_update_source (store, source, NULL);
            }
        }
      else if (g_error_matches (local_error, STORY_STORE_ERROR, STORY_STORE_ERROR_EXISTS))
        local_stats.n_existing++;
      else if (g_error_matches (local_error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE) ||
               g_error_matches (local_error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_LOCKED))
        {
          /* A feed with a password the keyring cannot take: the others go
           * on, and the first such feed is named at the end. */
          if (keyring_error == NULL)
            keyring_error = g_steal_pointer (&local_error);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (stats != NULL)
    *stats = local_stats;

  if (keyring_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * story_opml_export:
 *
 * Returns: (transfer full): every subscription as an OPML document
 */
char *
story_opml_export (StoryStore  *store,
                   GError     **error)
{
  g_autoptr(GPtrArray) sources = NULL;

  g_return_val_if_fail (STORY_IS_STORE (store), NULL);

  sources = story_store_list_sources (store, error);
  if (sources == NULL)
    return NULL;

  return story_opml_write (sources);
}
