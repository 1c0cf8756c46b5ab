/* story-sanitizer.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The URI prefix under which the reading pane serves images. A sanitized
 * body never points at the network: every image source is rewritten to
 * STORY_IMAGE_URI_PREFIX followed by the escaped absolute image URL. */
#define STORY_IMAGE_URI_PREFIX "storyline://image/"

typedef struct
{
  char      *html;    /* sanitized HTML fragment, safe to place in the page */
  char      *text;    /* plain text of the body, whitespace collapsed */
  GPtrArray *images;  /* (element-type utf8): absolute image URLs, document order, no duplicates */
} StorySanitized;

StorySanitized *story_sanitize_html           (const char     *html,
                                               const char     *base_url);
void            story_sanitized_free          (StorySanitized *sanitized);
char           *story_html_to_text            (const char     *html);
char           *story_html_decode_entities    (const char     *text);
char           *story_image_uri_for_url       (const char     *url);
char           *story_image_url_from_uri      (const char     *uri);
char           *story_resolve_url             (const char     *base_url,
                                               const char     *url);
char           *story_sanitize_link_url       (const char     *base_url,
                                               const char     *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StorySanitized, story_sanitized_free)

G_END_DECLS
