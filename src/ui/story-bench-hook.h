/* story-bench-hook.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void story_bench_hook_watch_sidebar (GtkStack    *sidebar_stack,
                                     GtkListView *list_view);
void story_bench_hook_sidebar_loaded (void);

G_END_DECLS
