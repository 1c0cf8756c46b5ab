/* story-article-page.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "story-article.h"

G_BEGIN_DECLS

/* The URI under which the reading pane loads an article; a link to it in the
 * "More on this theme" list opens that article in place. */
#define STORY_ARTICLE_URI_PREFIX "storyline://article/"

/* A link the page offers in place of an embed while remote content is off;
 * following it asks the reading pane to show this article with it on. */
#define STORY_LOAD_REMOTE_URI_PREFIX "storyline://load-remote/"

/* Content-security policies of the reading pane. Scripts, plugins, forms and
 * every load from outside the app's own scheme are forbidden; images always
 * come through the app's scheme, which fetches remote ones only when allowed.
 * With remote content on, the allowlisted embed hosts may be framed too. */
#define STORY_ARTICLE_CSP_COMMON \
  "default-src 'none'; script-src 'none'; object-src 'none'; " \
  "img-src storyline: data:; media-src 'none'; style-src 'unsafe-inline'; font-src 'none'; " \
  "connect-src 'none'; form-action 'none'; base-uri 'none'; "
#define STORY_ARTICLE_CSP_STRICT STORY_ARTICLE_CSP_COMMON "frame-src 'none'"
#define STORY_ARTICLE_CSP_REMOTE STORY_ARTICLE_CSP_COMMON \
  "frame-src https://www.youtube-nocookie.com https://player.vimeo.com " \
  "https://w.soundcloud.com https://open.spotify.com"

char   *story_article_page_render      (StoryArticle       *article,
                                        GPtrArray          *related,
                                        const char * const *terms,
                                        const char         *style_class,
                                        gboolean            load_remote,
                                        gint64              now);
char   *story_article_uri_for_id       (gint64        article_id);
gboolean story_article_page_is_embed_url (const char *url);
gint64  story_article_id_from_uri      (const char   *uri);

G_END_DECLS
