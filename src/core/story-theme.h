/* story-theme.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A theme muted for good: muted_until is this, far past any real time. */
#define STORY_THEME_MUTED_FOREVER G_MAXINT64

#define STORY_TYPE_THEME (story_theme_get_type ())
G_DECLARE_FINAL_TYPE (StoryTheme, story_theme, STORY, THEME, GObject)

StoryTheme *story_theme_new (void);

gint64                story_theme_get_id (StoryTheme *self);
void                  story_theme_set_id (StoryTheme *self, gint64 value);
const char *          story_theme_get_label (StoryTheme *self);
void                  story_theme_set_label (StoryTheme *self, const char * value);
int                   story_theme_get_article_count (StoryTheme *self);
void                  story_theme_set_article_count (StoryTheme *self, int value);
int                   story_theme_get_unread_count (StoryTheme *self);
void                  story_theme_set_unread_count (StoryTheme *self, int value);
gint64                story_theme_get_latest (StoryTheme *self);
void                  story_theme_set_latest (StoryTheme *self, gint64 value);
gboolean              story_theme_get_followed (StoryTheme *self);
void                  story_theme_set_followed (StoryTheme *self, gboolean value);
gint64                story_theme_get_muted_until (StoryTheme *self);
void                  story_theme_set_muted_until (StoryTheme *self, gint64 value);
GListModel           *story_theme_get_articles (StoryTheme *self);
void                  story_theme_set_article_list (StoryTheme *self, GPtrArray *articles);
void                  story_theme_append_articles (StoryTheme *self, GPtrArray *articles);
void                  story_theme_truncate_articles (StoryTheme *self, guint n_kept);
void                  story_theme_update_from (StoryTheme *self, StoryTheme *other);

G_END_DECLS
