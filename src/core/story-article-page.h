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

char   *story_article_page_render      (StoryArticle *article,
                                        GPtrArray    *related,
                                        const char   *style_class,
                                        gint64        now);
char   *story_article_uri_for_id       (gint64        article_id);
gint64  story_article_id_from_uri      (const char   *uri);

G_END_DECLS
