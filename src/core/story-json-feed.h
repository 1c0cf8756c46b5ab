/* story-json-feed.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STORY_FEED_ERROR (story_feed_error_quark ())

typedef enum
{
  STORY_FEED_ERROR_EMPTY,
  STORY_FEED_ERROR_INVALID_JSON,
  STORY_FEED_ERROR_NOT_A_FEED,
  STORY_FEED_ERROR_TOO_COMPLEX,
} StoryFeedError;

/* What a feed document says about itself, and its articles. */
typedef struct
{
  char      *title;
  char      *description;
  char      *home_page_url;
  char      *feed_url;
  char      *next_url;
  char      *icon;
  char      *favicon;
  char      *language;
  gboolean   expired;
  GPtrArray *articles;      /* (element-type StoryArticle) in document order */
  guint      n_skipped;     /* items that were not objects */
} StoryFeed;

GQuark     story_feed_error_quark (void);
StoryFeed *story_json_feed_parse  (GBytes     *bytes,
                                   const char *base_url,
                                   GError    **error);
void       story_feed_free        (StoryFeed  *feed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryFeed, story_feed_free)

G_END_DECLS
