/* fuzz-sanitizer.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTML sanitizer. The input's first line is the base URL (none when it
 * is empty or there is no line feed), the rest an article body. The body
 * also goes through story_html_to_text() and story_html_decode_entities().
 * Beyond not crashing, the output must keep the sanitizer's promises. */

#include "config.h"

#include "fuzz.h"

#include <string.h>

#include "story-sanitizer.h"

static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);

  return strstr (lower, needle) != NULL;
}

/* Schemes are case-insensitive: "dAta:image/png" is a data image. */
static gboolean
has_prefix_nocase (const char *text,
                   const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

static void
check_sanitized (const StorySanitized *sanitized,
                 const char           *base_url)
{
  /* Bundled documents (a resource: base) may show bundled images. */
  gboolean resource_base = base_url != NULL &&
                           g_strcmp0 (g_uri_peek_scheme (base_url), "resource") == 0;

  g_assert_nonnull (sanitized->html);
  g_assert_nonnull (sanitized->text);
  g_assert_nonnull (sanitized->images);
  g_assert_true (g_utf8_validate (sanitized->html, -1, NULL));
  g_assert_true (g_utf8_validate (sanitized->text, -1, NULL));

  /* Text is escaped and only allowed elements are written, so no script
   * or style element can come out... */
  g_assert_false (contains_ascii_nocase (sanitized->html, "<script"));
  g_assert_false (contains_ascii_nocase (sanitized->html, "<style"));

  /* ...and every URL in a tag points at the web, a mail address or the
   * app's image scheme. Text and attribute values escape '<', '>' and (in
   * values) '"', so a tag runs from '<' to the next '>', and its attributes
   * read as name="value" pairs. */
  for (const char *p = strchr (sanitized->html, '<'); p != NULL; p = strchr (p, '<'))
    {
      const char *end = strchr (p, '>');
      g_autofree char *tag = NULL;
      char *a;

      g_assert_nonnull (end);
      tag = g_strndup (p, end - p);
      p = end + 1;

      a = strchr (tag, ' ');
      while (a != NULL)
        {
          char *name = a + 1;
          char *equals = strpbrk (name, " =");
          char *value;
          char *quote;

          /* Valueless attributes: controls, reversed, allowfullscreen. */
          if (equals == NULL)
            break;
          if (*equals == ' ')
            {
              a = equals;
              continue;
            }
          g_assert_true (equals[1] == '"');
          value = equals + 2;
          quote = strchr (value, '"');
          g_assert_nonnull (quote);
          *equals = '\0';
          *quote = '\0';

          if ((g_str_equal (name, "href") || g_str_equal (name, "src") ||
               g_str_equal (name, "cite")) &&
              !has_prefix_nocase (value, "http://") &&
              !has_prefix_nocase (value, "https://") &&
              !has_prefix_nocase (value, "mailto:") &&
              !has_prefix_nocase (value, STORY_IMAGE_URI_PREFIX) &&
              !has_prefix_nocase (value, "data:image/") &&
              !(resource_base && has_prefix_nocase (value, "resource:")))
            g_error ("A URL the sanitizer must not let through: %s=\"%s\"", name, value);

          a = quote[1] == ' ' ? quote + 1 : NULL;
        }
    }

  /* Images are fetched by the app, from the web only. */
  for (guint i = 0; i < sanitized->images->len; i++)
    {
      const char *url = g_ptr_array_index (sanitized->images, i);

      g_assert_true (g_str_has_prefix (url, "http://") ||
                     g_str_has_prefix (url, "https://") ||
                     (resource_base && g_str_has_prefix (url, "resource:")));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *base_url = NULL;
  g_autofree char *html = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(StorySanitized) sanitized = NULL;

  fuzz_init ();

  html = fuzz_split_first_line (data, size, &base_url);

  sanitized = story_sanitize_html (html, base_url);
  check_sanitized (sanitized, base_url);

  text = story_html_to_text (html);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  decoded = story_html_decode_entities (html);
  g_assert_true (g_utf8_validate (decoded, -1, NULL));

  return 0;
}
