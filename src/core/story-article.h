/* story-article.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STORY_TYPE_ARTICLE (story_article_get_type ())
G_DECLARE_FINAL_TYPE (StoryArticle, story_article, STORY, ARTICLE, GObject)

StoryArticle *story_article_new (void);

gint64                story_article_get_id (StoryArticle *self);
void                  story_article_set_id (StoryArticle *self, gint64 value);
gint64                story_article_get_source_id (StoryArticle *self);
void                  story_article_set_source_id (StoryArticle *self, gint64 value);
const char *          story_article_get_remote_id (StoryArticle *self);
void                  story_article_set_remote_id (StoryArticle *self, const char * value);
const char *          story_article_get_title (StoryArticle *self);
void                  story_article_set_title (StoryArticle *self, const char * value);
const char *          story_article_get_url (StoryArticle *self);
void                  story_article_set_url (StoryArticle *self, const char * value);
const char *          story_article_get_external_url (StoryArticle *self);
void                  story_article_set_external_url (StoryArticle *self, const char * value);
const char * const *  story_article_get_authors (StoryArticle *self);
void                  story_article_set_authors (StoryArticle *self, const char * const * value);
gint64                story_article_get_published (StoryArticle *self);
void                  story_article_set_published (StoryArticle *self, gint64 value);
gint64                story_article_get_updated (StoryArticle *self);
void                  story_article_set_updated (StoryArticle *self, gint64 value);
const char *          story_article_get_summary (StoryArticle *self);
void                  story_article_set_summary (StoryArticle *self, const char * value);
const char *          story_article_get_content_html (StoryArticle *self);
void                  story_article_set_content_html (StoryArticle *self, const char * value);
const char *          story_article_get_content_text (StoryArticle *self);
void                  story_article_set_content_text (StoryArticle *self, const char * value);
const char *          story_article_get_image (StoryArticle *self);
void                  story_article_set_image (StoryArticle *self, const char * value);
const char * const *  story_article_get_image_urls (StoryArticle *self);
void                  story_article_set_image_urls (StoryArticle *self, const char * const * value);
const char * const *  story_article_get_tags (StoryArticle *self);
void                  story_article_set_tags (StoryArticle *self, const char * const * value);
gint64                story_article_get_theme_id (StoryArticle *self);
void                  story_article_set_theme_id (StoryArticle *self, gint64 value);
const char *          story_article_get_theme_label (StoryArticle *self);
void                  story_article_set_theme_label (StoryArticle *self, const char * value);
const char *          story_article_get_source_title (StoryArticle *self);
void                  story_article_set_source_title (StoryArticle *self, const char * value);
gboolean              story_article_get_read (StoryArticle *self);
void                  story_article_set_read (StoryArticle *self, gboolean value);
gboolean              story_article_get_starred (StoryArticle *self);
void                  story_article_set_starred (StoryArticle *self, gboolean value);

G_END_DECLS
