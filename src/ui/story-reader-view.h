/* story-reader-view.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "story-article.h"

G_BEGIN_DECLS

#define STORY_TYPE_READER_VIEW (story_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (StoryReaderView, story_reader_view, STORY, READER_VIEW, GtkWidget)

GtkWidget     *story_reader_view_new          (void);
void           story_reader_view_show_article (StoryReaderView *self,
                                               StoryArticle    *article,
                                               GPtrArray       *related);
StoryArticle  *story_reader_view_get_article  (StoryReaderView *self);
WebKitWebView *story_reader_view_get_web_view (StoryReaderView *self);

G_END_DECLS
