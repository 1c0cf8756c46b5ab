/* story-sources-window.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "story-store.h"
#include "story-sync-manager.h"

G_BEGIN_DECLS

#define STORY_TYPE_SOURCES_WINDOW (story_sources_window_get_type ())
G_DECLARE_FINAL_TYPE (StorySourcesWindow, story_sources_window, STORY, SOURCES_WINDOW,
                      AdwPreferencesWindow)

StorySourcesWindow *story_sources_window_new              (StoryStore         *store,
                                                           StorySyncManager   *sync_manager);
void                story_sources_window_add_address      (StorySourcesWindow *self,
                                                           const char         *address);
void                story_sources_window_focus_address    (StorySourcesWindow *self);
GtkListBox         *story_sources_window_get_sources_list (StorySourcesWindow *self);
GtkListBox         *story_sources_window_get_found_list   (StorySourcesWindow *self);
GtkWidget          *story_sources_window_get_key_row     (StorySourcesWindow *self);
const char         *story_sources_window_get_status       (StorySourcesWindow *self);
char               *story_source_dup_state_text           (StorySource        *source);

G_END_DECLS
