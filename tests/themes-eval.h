/* themes-eval.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "story-clusterer.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *outlet;
  char   *title;
  char   *summary;
  char  **tags;
  gint64  published;
  char   *story;    /* NULL: belongs to no story */
} ThemesEvalItem;

typedef struct
{
  double precision;
  double recall;
  double f1;
  guint  n_clusters;   /* stories with two articles or more */
} ThemesEvalScore;

GPtrArray *themes_eval_load  (const char      *path,
                              GError         **error);
void       themes_eval_add   (StoryClusterer  *clusterer,
                              GPtrArray       *items);
void       themes_eval_score (StoryClusterer  *clusterer,
                              GPtrArray       *items,
                              ThemesEvalScore *score);

G_END_DECLS
