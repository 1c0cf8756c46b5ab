/* story-window-private.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "story-window.h"

G_BEGIN_DECLS

/* story-window.c */
StoryStore *_story_window_get_store                (StoryWindow  *self);
void        _story_window_add_toast                (StoryWindow  *self,
                                                    AdwToast     *toast);

/* story-window-themes.c: what the reader can do with a theme */
void        _story_window_themes_init              (StoryWindow  *self);
GMenu      *_story_window_themes_dup_theme_menu    (StoryWindow  *self,
                                                    StoryTheme   *theme);
void        _story_window_themes_add_article_items (StoryWindow  *self,
                                                    GMenu        *menu,
                                                    StoryArticle *article);
void        _story_window_themes_article_shown     (StoryWindow  *self,
                                                    StoryArticle *article);

G_END_DECLS
