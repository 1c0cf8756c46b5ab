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
 * first scrolls the sidebar to the end, 3 s after that frame (once the start-up sync and
 * its reload are over), several screens a frame but never while a page of headlines is
 * loading, so that every headline is loaded on the way (a reload meanwhile starts it
 * again from the top), and prints "rows: N" (the list's
 * rows at the end), "headlines: N of M" (how many headlines were loaded at some time during
 * the scroll, of how many there are) and "rss-kib: N" before quitting. With STORYLINE_BENCH_OPEN=N it instead
 * selects N headlines in turn and prints "open-ms: T" for each: from the
 * selection until the reading pane's WebKitWebView has finished loading
 * that article (polled every 2 ms). With STORYLINE_BENCH_FILTER=unread (or
 * starred) it switches the sidebar to that filter and prints "filter-ms: T",
 * the time until a frame is drawn after the window has put the newly loaded
 * list in the sidebar, after "filter-loaded-ms: T", the time until the list
 * was loaded and put there (the store's part). Without them this file does
 * nothing. */

#define G_LOG_DOMAIN "story-bench-hook"

#include "config.h"

#include "story-bench-hook.h"

#include <string.h>
#include <webkit/webkit.h>

#include "story-article-page.h"
#include "story-article.h"
#include "story-application.h"
#include "story-window.h"

typedef struct
{
  GtkStack    *stack;
  GtkListView *list_view;
  gboolean     drawn;
  guint        n_opens;      /* how many headlines to open */
  guint        n_opened;
  char        *expected_uri;
  gint64       open_started;
  const char  *filter;       /* (nullable): the filter to switch to */
  guint        n_loads;      /* lists the window has put in the sidebar */
  guint        n_loads_before_filter;
  gint64       filter_started;
  gboolean     scrolling;
  guint        n_loads_scrolled;  /* the list the scroll is going through */
  GHashTable  *most_loaded;  /* theme id → the most headlines it had while scrolling */
} Watch;

static void open_next (Watch *watch);

static Watch *the_watch;

/* The window has put a newly loaded list in the sidebar. A frame is asked for, so the
 * filter switch is measured to a frame even when no row changed. */
void
story_bench_hook_sidebar_loaded (void)
{
  if (the_watch == NULL)
    return;

  the_watch->n_loads++;
  if (the_watch->filter_started > 0 && the_watch->n_loads == the_watch->n_loads_before_filter + 1)
    g_print ("filter-loaded-ms: %.1f\n",
             (g_get_monotonic_time () - the_watch->filter_started) / 1000.0);
  gtk_widget_queue_draw (GTK_WIDGET (the_watch->list_view));
}

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

static WebKitWebView *
find_web_view (GtkWidget *widget)
{
  if (WEBKIT_IS_WEB_VIEW (widget))
    return WEBKIT_WEB_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      WebKitWebView *found = find_web_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
open_next_cb (gpointer data)
{
  open_next (data);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_open_cb (gpointer data)
{
  Watch *watch = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (watch->list_view));
  WebKitWebView *web_view = find_web_view (GTK_WIDGET (root));
  gint64 elapsed = g_get_monotonic_time () - watch->open_started;

  if (elapsed > 20 * G_USEC_PER_SEC)
    {
      g_print ("open-failed: %s\n", watch->expected_uri);
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }

  if (web_view == NULL || webkit_web_view_is_loading (web_view) ||
      g_strcmp0 (webkit_web_view_get_uri (web_view), watch->expected_uri) != 0)
    return G_SOURCE_CONTINUE;

  g_print ("open-ms: %.1f\n", elapsed / 1000.0);
  if (++watch->n_opened < watch->n_opens)
    g_timeout_add (100, open_next_cb, watch);
  else
    g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

/* Selects the next headline in the list, a few rows on from the last. */
static void
open_next (Watch *watch)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (watch->list_view));
  guint n = g_list_model_get_n_items (model);
  guint wanted = watch->n_opened * 3;
  guint seen = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (!STORY_IS_ARTICLE (item) || seen++ < wanted)
        continue;

      g_free (watch->expected_uri);
      watch->expected_uri = story_article_uri_for_id (story_article_get_id (STORY_ARTICLE (item)));
      watch->open_started = g_get_monotonic_time ();
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
      g_timeout_add (2, poll_open_cb, watch);
      return;
    }

  g_print ("open-failed: no headline\n");
  g_application_quit (g_application_get_default ());
}

static gboolean
start_scrolling_cb (gpointer data)
{
  Watch *watch = data;
  GApplication *app = g_application_get_default ();
  StorySyncManager *manager = STORY_IS_APPLICATION (app)
    ? story_application_get_sync_manager (STORY_APPLICATION (app)) : NULL;

  /* The start-up sync (it can take longer than the 3 s with sources not answering) ends
   * with a reload that cuts the themes back: wait for it. */
  if (manager != NULL && story_sync_manager_get_syncing (manager))
    return G_SOURCE_CONTINUE;

  watch->scrolling = TRUE;
  watch->n_loads_scrolled = watch->n_loads;
  gtk_widget_queue_draw (GTK_WIDGET (watch->list_view));

  return G_SOURCE_REMOVE;
}

/* Remembers how far each theme was loaded; returns how many headlines were, and all. */
static guint
count_loaded (Watch *watch,
              guint *n_total)
{
  StoryWindow *window = STORY_WINDOW (gtk_widget_get_root (GTK_WIDGET (watch->list_view)));
  GListModel *themes = story_window_get_themes (window);
  guint n_loaded = 0;

  *n_total = 0;
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(StoryTheme) theme = g_list_model_get_item (themes, i);
      gint64 id = story_theme_get_id (theme);
      guint n = g_list_model_get_n_items (story_theme_get_articles (theme));
      guint most = GPOINTER_TO_UINT (g_hash_table_lookup (watch->most_loaded, &id));

      if (n > most)
        g_hash_table_insert (watch->most_loaded, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n));
      n_loaded += MAX (n, most);
      *n_total += story_theme_get_article_count (theme);
    }

  return n_loaded;
}

static gboolean
switch_filter_cb (gpointer data)
{
  Watch *watch = data;

  watch->n_loads_before_filter = watch->n_loads;
  watch->filter_started = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (watch->list_view), "win.filter", "s", watch->filter);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  const char *shown = gtk_stack_get_visible_child_name (watch->stack);
  GtkAdjustment *adjustment;
  double value, end;
  guint n_loaded, n_total;

  if ((watch->n_opens > 0 || watch->filter != NULL) && watch->drawn && watch->filter_started == 0)
    return;

  if (watch->filter_started > 0)
    {
      /* The reload updates the themes in place: this frame shows the new list once the
       * window has put it in the sidebar. */
      if (watch->n_loads == watch->n_loads_before_filter)
        return;

      g_print ("filter-ms: %.1f\n", (g_get_monotonic_time () - watch->filter_started) / 1000.0);
      g_application_quit (g_application_get_default ());
      return;
    }

  if (!watch->drawn)
    {
      if (shown == NULL || g_str_equal (shown, "loading") || g_str_equal (shown, "preparing") ||
          (g_str_equal (shown, "list") &&
           g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (watch->list_view))) == 0))
        return;

      watch->drawn = TRUE;
      g_print ("first-draw: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      if (watch->n_opens > 0)
        {
          open_next (watch);
          return;
        }
      if (watch->filter != NULL)
        {
          /* After the start-up sync has had time to finish: the switch alone. */
          g_timeout_add_seconds (3, switch_filter_cb, watch);
          return;
        }
      if (g_getenv ("STORYLINE_BENCH_SCROLL") == NULL)
        {
          g_application_quit (g_application_get_default ());
          return;
        }
      watch->most_loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_timeout_add (3000, start_scrolling_cb, watch);
      return;
    }

  if (!watch->scrolling)
    return;

  /* Headlines arrive a page at a time as the rows near the end of what is loaded are
   * shown: wait for each page, as someone reading would. */
  count_loaded (watch, &n_total);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (watch->list_view));

  /* A reload (after a sync) gives every theme its first page again: what it cut is
   * scrolled through again. */
  if (watch->n_loads != watch->n_loads_scrolled)
    {
      watch->n_loads_scrolled = watch->n_loads;
      gtk_adjustment_set_value (adjustment, 0);
      return;
    }

  if (story_window_get_loading_pages (STORY_WINDOW (gtk_widget_get_root (GTK_WIDGET (watch->list_view)))))
    {
      gtk_widget_queue_draw (GTK_WIDGET (watch->list_view));
      return;
    }

  value = gtk_adjustment_get_value (adjustment);
  end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  if (value < end)
    {
      gtk_adjustment_set_value (adjustment,
                                MIN (end, value + 8 * gtk_adjustment_get_page_size (adjustment)));
      return;
    }

  g_print ("rows: %u\n",
           g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (watch->list_view))));
  n_loaded = count_loaded (watch, &n_total);
  g_print ("headlines: %u of %u\n", n_loaded, n_total);
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
  the_watch = watch;
  watch->stack = sidebar_stack;
  watch->list_view = list_view;
  watch->n_opens = g_ascii_strtoull (g_getenv ("STORYLINE_BENCH_OPEN") ?: "0", NULL, 10);
  watch->filter = g_getenv ("STORYLINE_BENCH_FILTER");
  g_signal_connect (list_view, "realize", G_CALLBACK (realize_cb), watch);
}
