/* story-clusterer.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "story-article.h"

G_BEGIN_DECLS

/* No theme: the article is alone in its story so far. */
#define STORY_CLUSTER_NONE ((gint64)0)

#define STORY_TYPE_CLUSTERER (story_clusterer_get_type ())
G_DECLARE_FINAL_TYPE (StoryClusterer, story_clusterer, STORY, CLUSTERER, GObject)

StoryClusterer *story_clusterer_new               (void);
void            story_clusterer_add               (StoryClusterer      *self,
                                                   gint64               article_id,
                                                   const char          *title,
                                                   const char          *summary,
                                                   const char          *text,
                                                   const char * const  *tags,
                                                   gint64               published,
                                                   gint64               story_id);
void            story_clusterer_add_article       (StoryClusterer      *self,
                                                   StoryArticle        *article);
void            story_clusterer_set_label         (StoryClusterer      *self,
                                                   gint64               story_id,
                                                   const char          *label);
GArray         *story_clusterer_run               (StoryClusterer      *self);
void            story_clusterer_set_fixed         (StoryClusterer      *self,
                                                   gint64               article_id);
gint64          story_clusterer_detach            (StoryClusterer      *self,
                                                   gint64               article_id);
void            story_clusterer_set_pinned        (StoryClusterer      *self,
                                                   gint64               article_id);
gboolean        story_clusterer_merge             (StoryClusterer      *self,
                                                   gint64               into_id,
                                                   gint64               from_id);
void            story_clusterer_recluster         (StoryClusterer      *self);
void            story_clusterer_set_parallel      (StoryClusterer      *self,
                                                   gboolean             parallel);

gint64          story_clusterer_get_story         (StoryClusterer      *self,
                                                   gint64               article_id);
const char     *story_clusterer_get_label         (StoryClusterer      *self,
                                                   gint64               story_id);
guint           story_clusterer_get_size          (StoryClusterer      *self,
                                                   gint64               story_id);
GArray         *story_clusterer_dup_stories       (StoryClusterer      *self);
GArray         *story_clusterer_dup_members       (StoryClusterer      *self,
                                                   gint64               story_id);
char          **story_clusterer_dup_shared_terms  (StoryClusterer      *self,
                                                   gint64               article_id,
                                                   guint                max_terms);
guint           story_clusterer_get_n_articles    (StoryClusterer      *self);

char           *story_clusterer_normalize_term    (const char          *word);
gboolean        story_clusterer_is_stop_word      (const char          *term);

G_END_DECLS
