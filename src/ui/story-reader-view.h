/* story-reader-view.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "story-article.h"

G_BEGIN_DECLS

#define STORY_TYPE_READER_VIEW (story_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (StoryReaderView, story_reader_view, STORY, READER_VIEW, GtkWidget)

GtkWidget     *story_reader_view_new                (void);
void           story_reader_view_set_settings       (StoryReaderView *self,
                                                     GSettings       *settings);
void           story_reader_view_show_article       (StoryReaderView *self,
                                                     StoryArticle    *article,
                                                     GPtrArray       *related,
                                                     gboolean         load_remote);
void           story_reader_view_set_theme_terms    (StoryReaderView    *self,
                                                     const char * const *terms);
void           story_reader_view_set_load_remote    (StoryReaderView *self,
                                                     gboolean         load_remote);
gboolean       story_reader_view_get_load_remote    (StoryReaderView *self);
StoryArticle  *story_reader_view_get_article        (StoryReaderView *self);
WebKitWebView *story_reader_view_get_web_view       (StoryReaderView *self);
double         story_reader_view_get_zoom_level     (StoryReaderView *self);
void           story_reader_view_set_zoom_level     (StoryReaderView *self,
                                                     double           zoom_level);
void           story_reader_view_zoom_in            (StoryReaderView *self);
void           story_reader_view_zoom_out           (StoryReaderView *self);
const char    *story_reader_view_get_status_message (StoryReaderView *self);
void           story_reader_view_add_toast          (StoryReaderView *self,
                                                     AdwToast        *toast);

G_END_DECLS
