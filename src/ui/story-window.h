/* story-window.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "story-reader-view.h"
#include "story-store.h"
#include "story-sync-manager.h"

G_BEGIN_DECLS

#define STORY_TYPE_WINDOW (story_window_get_type ())
G_DECLARE_FINAL_TYPE (StoryWindow, story_window, STORY, WINDOW, AdwApplicationWindow)

StoryWindow     *story_window_new            (GtkApplication   *application,
                                              StoryStore       *store,
                                              StorySyncManager *sync_manager,
                                              GSettings        *settings);
void             story_window_set_store      (StoryWindow      *self,
                                              StoryStore       *store,
                                              StorySyncManager *sync_manager,
                                              GPtrArray        *themes);
GListModel      *story_window_get_themes     (StoryWindow      *self);
StoryReaderView *story_window_get_reader     (StoryWindow      *self);
gboolean         story_window_select_article (StoryWindow      *self,
                                              gint64            article_id);
void             story_window_reload         (StoryWindow      *self);
void             story_window_show_article   (StoryWindow      *self,
                                              gint64            article_id);
void             story_window_search         (StoryWindow      *self,
                                              const char       *text);
GListModel      *story_window_get_search_results (StoryWindow  *self);
const char      *story_window_get_visible_page   (StoryWindow  *self);
guint            story_window_get_n_loads        (StoryWindow  *self);
gboolean         story_window_get_loading_pages  (StoryWindow  *self);

G_END_DECLS
