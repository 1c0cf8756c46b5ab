/* story-application.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "story-store.h"
#include "story-sync-manager.h"

G_BEGIN_DECLS

/* The bundled sample source, compiled into the core's GResource. */
#define STORY_SAMPLE_FEED_URI "resource:///io/github/storyline/Storyline/sample/feed.json"

#define STORY_TYPE_APPLICATION (story_application_get_type ())
G_DECLARE_FINAL_TYPE (StoryApplication, story_application, STORY, APPLICATION, AdwApplication)

StoryApplication *story_application_new              (void);
StoryStore       *story_application_get_store        (StoryApplication *self);
StorySyncManager *story_application_get_sync_manager (StoryApplication *self);
GSettings        *story_application_get_settings     (StoryApplication *self);

gint64            story_application_summarize_new_articles (GPtrArray  *articles,
                                                            char      **title,
                                                            char      **body);
GNotification    *story_application_build_new_articles_notification (GPtrArray *articles);
GPtrArray        *story_application_collect_new_articles (GPtrArray    *themes,
                                                          const gint64 *followed,
                                                          gsize         n_followed,
                                                          gint64       *newest_seen_id);

const char       *story_application_pick_renderer    (const char *dri_dir);
void              story_application_choose_renderer  (void);

G_END_DECLS
