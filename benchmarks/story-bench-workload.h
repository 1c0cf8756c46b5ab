/* story-bench-workload.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "story-store.h"

G_BEGIN_DECLS

/* Items per JSON Feed page: the sync engine follows at most ten pages and
 * caps one answer at 20 MiB, so 50,000 articles fit in ten pages of 5,000. */
#define STORY_BENCH_PAGE_SIZE 5000

/* Articles in each of the big cache's sources (two of them: 100,000). */
#define STORY_BENCH_BIG_SOURCE 50000

typedef struct _StoryBenchServer StoryBenchServer;

StoryBenchServer *story_bench_server_new            (GError          **error);
void              story_bench_server_free           (StoryBenchServer *self);
char             *story_bench_server_add_feed       (StoryBenchServer *self,
                                                     const char       *name,
                                                     guint32           seed,
                                                     guint             n_articles);
char             *story_bench_server_add_rss        (StoryBenchServer *self,
                                                     const char       *name,
                                                     guint32           seed,
                                                     guint             n_articles);
void              story_bench_server_change_etag    (StoryBenchServer *self);
guint             story_bench_server_get_n_requests (StoryBenchServer *self);
double            story_bench_server_get_body_size  (StoryBenchServer *self);

GBytes           *story_bench_workload_json_page    (const char       *base_url,
                                                     const char       *name,
                                                     guint32           seed,
                                                     guint             n_articles,
                                                     guint             page,
                                                     gsize            *body_bytes);
GBytes           *story_bench_workload_rss          (const char       *base_url,
                                                     const char       *name,
                                                     guint32           seed,
                                                     guint             n_articles);
char             *story_bench_workload_query        (guint32           seed);

/* Timing and reporting */
double            story_bench_now                   (void);
double            story_bench_median                (GArray           *values);
gboolean          story_bench_report                (const char       *name,
                                                     double            value,
                                                     const char       *unit,
                                                     double            budget);
char             *story_bench_make_tmpdir           (void);
void              story_bench_remove_tree           (const char       *path);
char             *story_bench_ensure_big_cache      (GError          **error);
gint64            story_bench_read_status_kib       (GPid              pid,
                                                     const char       *field);

G_END_DECLS
