/* fuzz-opml.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* OPML import. The input is a subscription list as a user (or a web site)
 * might hand it over. Every subscription read must be a trimmed, non-empty,
 * valid UTF-8 address, and what Storyline exports of them must read back as
 * the same subscriptions. */

#include "config.h"

#include "fuzz.h"

#include "story-opml.h"
#include "story-source.h"
#include "story-util.h"

static gboolean
is_web_url (const char *url)
{
  return g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://");
}

static void
check_outline (const StoryOpmlOutline *outline)
{
  const char *fields[] = { outline->url, outline->title, outline->home_page_url };

  g_assert_nonnull (outline->url);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *text = fields[i];
      gsize length;

      if (text == NULL)
        continue;

      /* Empty attributes read as missing ones, and values are trimmed. */
      length = strlen (text);
      g_assert_cmpuint (length, >, 0);
      g_assert_false (g_ascii_isspace (text[0]));
      g_assert_false (g_ascii_isspace (text[length - 1]));
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) outlines = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  guint n_again = 0;

  fuzz_init ();

  outlines = story_opml_parse ((const char *)data, size, &error);
  if (outlines == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  /* Export the web feeds, as Storyline would after importing them... */
  sources = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < outlines->len; i++)
    {
      StoryOpmlOutline *outline = g_ptr_array_index (outlines, i);
      StorySource *source;

      check_outline (outline);
      if (!is_web_url (outline->url))
        continue;

      source = story_source_new ();
      story_source_set_url (source, outline->url);
      story_source_set_title (source, outline->title);
      story_source_set_home_page_url (source, outline->home_page_url);
      g_ptr_array_add (sources, source);
    }

  written = story_opml_write (sources);
  g_assert_true (g_utf8_validate (written, -1, NULL));

  /* ...and the export reads back as the same subscriptions. */
  again = story_opml_parse (written, strlen (written), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  for (guint i = 0; i < again->len; i++)
    {
      StoryOpmlOutline *outline = g_ptr_array_index (again, i);
      StorySource *source;
      g_autofree char *url = NULL;
      g_autofree char *home_page_url = NULL;

      check_outline (outline);
      g_assert_cmpuint (n_again, <, sources->len);
      source = g_ptr_array_index (sources, n_again++);
      /* An export never carries credentials (they live in the keyring). */
      url = story_url_redact (story_source_get_url (source));
      home_page_url = story_url_redact (story_source_get_home_page_url (source));
      g_assert_cmpstr (outline->url, ==, url);
      g_assert_cmpstr (outline->title, ==, story_source_get_title (source) ?: url);
      g_assert_cmpstr (outline->home_page_url, ==, home_page_url);
    }
  g_assert_cmpuint (n_again, ==, sources->len);

  return 0;
}
