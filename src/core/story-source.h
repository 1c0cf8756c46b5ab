/* story-source.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STORY_TYPE_SOURCE (story_source_get_type ())
G_DECLARE_FINAL_TYPE (StorySource, story_source, STORY, SOURCE, GObject)

StorySource *story_source_new (void);

gint64                story_source_get_id (StorySource *self);
void                  story_source_set_id (StorySource *self, gint64 value);
const char *          story_source_get_kind (StorySource *self);
void                  story_source_set_kind (StorySource *self, const char * value);
const char *          story_source_get_url (StorySource *self);
void                  story_source_set_url (StorySource *self, const char * value);
const char *          story_source_get_title (StorySource *self);
void                  story_source_set_title (StorySource *self, const char * value);
const char *          story_source_get_home_page_url (StorySource *self);
void                  story_source_set_home_page_url (StorySource *self, const char * value);
const char *          story_source_get_icon_url (StorySource *self);
void                  story_source_set_icon_url (StorySource *self, const char * value);
gint64                story_source_get_last_sync (StorySource *self);
void                  story_source_set_last_sync (StorySource *self, gint64 value);
const char *          story_source_get_last_error (StorySource *self);
void                  story_source_set_last_error (StorySource *self, const char * value);
int                   story_source_get_unread_count (StorySource *self);
void                  story_source_set_unread_count (StorySource *self, int value);
gboolean              story_source_get_load_remote (StorySource *self);
void                  story_source_set_load_remote (StorySource *self, gboolean value);

G_END_DECLS
