/* story-preferences-window.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "story-image-cache.h"
#include "story-store.h"

G_BEGIN_DECLS

#define STORY_TYPE_PREFERENCES_WINDOW (story_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (StoryPreferencesWindow, story_preferences_window, STORY, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *story_preferences_window_new (GSettings       *settings,
                                         StoryStore      *store,
                                         StoryImageCache *image_cache);

G_END_DECLS
