/* story-bench-hook.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the start and memory benchmarks (benchmarks/bench-ui.c) observe from
 * inside the app, and nothing else. With STORYLINE_BENCH_EXIT_AFTER_FIRST_DRAW=1
 * the app prints "first-draw: T" (T: the monotonic clock in µs, which the
 * benchmark shares) after the first frame that shows the sidebar's
 * headlines, or its empty page, and quits. With STORYLINE_BENCH_SCROLL=1 it
 * first scrolls the sidebar to the end, several screens a frame, and prints
 * "rss-kib: N" before quitting. Without them this file does nothing. */

#define G_LOG_DOMAIN "story-bench-hook"

#include "config.h"

#include "story-bench-hook.h"

#include <string.h>

typedef struct
{
  GtkStack    *stack;
  GtkListView *list_view;
  gboolean     drawn;
} Watch;

static gint64
read_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmRSS:")) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  const char *shown = gtk_stack_get_visible_child_name (watch->stack);
  GtkAdjustment *adjustment;
  double value, end;

  if (!watch->drawn)
    {
      if (shown == NULL || g_str_equal (shown, "loading") ||
          (g_str_equal (shown, "list") &&
           g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (watch->list_view))) == 0))
        return;

      watch->drawn = TRUE;
      g_print ("first-draw: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      if (g_getenv ("STORYLINE_BENCH_SCROLL") == NULL)
        {
          g_application_quit (g_application_get_default ());
          return;
        }
    }

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (watch->list_view));
  value = gtk_adjustment_get_value (adjustment);
  end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  if (value < end)
    {
      gtk_adjustment_set_value (adjustment,
                                MIN (end, value + 8 * gtk_adjustment_get_page_size (adjustment)));
      return;
    }

  g_print ("rss-kib: %" G_GINT64_FORMAT "\n", read_rss_kib ());
  g_application_quit (g_application_get_default ());
}

static void
realize_cb (GtkWidget *widget,
            Watch     *watch)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), watch);
}

void
story_bench_hook_watch_sidebar (GtkStack    *sidebar_stack,
                                GtkListView *list_view)
{
  Watch *watch;

  if (g_strcmp0 (g_getenv ("STORYLINE_BENCH_EXIT_AFTER_FIRST_DRAW"), "1") != 0)
    return;

  /* Lives as long as the process: the app quits right after. */
  watch = g_new0 (Watch, 1);
  watch->stack = sidebar_stack;
  watch->list_view = list_view;
  g_signal_connect (list_view, "realize", G_CALLBACK (realize_cb), watch);
}
