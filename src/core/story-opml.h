/* story-opml.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "story-store.h"

G_BEGIN_DECLS

#define STORY_OPML_ERROR (story_opml_error_quark ())

typedef enum
{
  STORY_OPML_ERROR_INVALID,
} StoryOpmlError;

/* One subscription of an OPML file. */
typedef struct
{
  char *url;
  char *title;          /* (nullable) */
  char *home_page_url;  /* (nullable) */
} StoryOpmlOutline;

typedef struct
{
  guint n_added;
  guint n_existing;
} StoryOpmlImportStats;

GQuark      story_opml_error_quark  (void);
GPtrArray  *story_opml_parse        (const char            *data,
                                     gsize                  length,
                                     GError               **error);
char       *story_opml_write        (GPtrArray             *sources);
gboolean    story_opml_import       (StoryStore            *store,
                                     const char            *data,
                                     gsize                  length,
                                     StoryOpmlImportStats  *stats,
                                     GError               **error);
char       *story_opml_export       (StoryStore            *store,
                                     GError               **error);
void        story_opml_outline_free (StoryOpmlOutline      *outline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryOpmlOutline, story_opml_outline_free)

G_END_DECLS
