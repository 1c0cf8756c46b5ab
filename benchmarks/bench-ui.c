/* bench-ui.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The app itself, with a cache of 100,000 articles and with an empty one:
 * the time from spawning it to the first frame that shows the sidebar's
 * headlines (start), and the UI process's resident memory after scrolling
 * the whole sidebar (memory). The app reports both through its benchmark
 * hook (src/ui/story-bench-hook.c). Needs a display and a session bus, as
 * the UI tests do; skipped without one. */

#define G_LOG_DOMAIN "story-bench"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "story-bench-workload.h"
#include "story-sync-manager.h"

#define N_STARTS       5
#define RUN_TIMEOUT_S  300

typedef struct
{
  double  start_ms;  /* spawn to first draw */
  double  filter_ms; /* switching the filter until the new list is drawn, or -1 */
  double  n_rows;    /* the sidebar's rows after scrolling, or -1 */
  double  n_loaded;  /* headlines loaded at some time while scrolling, or -1 */
  double  n_total;   /* of how many */
  double  rss_mib;   /* after scrolling, or -1 */
  GArray *open_ms;   /* each headline opened, in order */
} Run;

/* A home of its own, with the big cache in it or nothing. */
static char *
make_home (const char *cache)
{
  char *home = story_bench_make_tmpdir ();

  if (cache != NULL)
    {
      g_autofree char *dir = g_build_filename (home, "data", "storyline", NULL);
      g_autofree char *db = g_build_filename (dir, "storyline.db", NULL);
      const char *argv[] = { "cp", cache, db, NULL };
      int status = 0;

      g_mkdir_with_parents (dir, 0700);
      if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                         &status, NULL) || !g_spawn_check_wait_status (status, NULL))
        g_error ("Could not copy the benchmark cache");
    }

  return home;
}

/* A home with a small cache: what drawing any headlines at all costs, as
 * opposed to what 100,000 of them cost. */
static char *
make_small_home (guint n_articles)
{
  g_autoptr(GError) error = NULL;
  char *home = story_bench_make_tmpdir ();
  g_autofree char *db = g_build_filename (home, "data", "storyline", "storyline.db", NULL);
  StoryBenchServer *server = story_bench_server_new (&error);
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  url = story_bench_server_add_feed (server, "small", 3, n_articles);

  {
    g_autoptr(StoryStore) store = story_store_new (db, &error);
    g_autoptr(StorySource) source = NULL;
    g_autoptr(StorySyncManager) manager = NULL;
    g_autoptr(GPtrArray) reports = NULL;

    g_assert_no_error (error);
    source = story_store_add_source (store, "json-feed", url, NULL, &error);
    g_assert_no_error (error);
    manager = story_sync_manager_new (store);
    reports = story_sync_manager_sync (manager, NULL, 0, NULL);
  }

  story_bench_server_free (server);
  return home;
}

static Run
run_app_full (const char *home,
              gboolean    scroll,
              guint       n_opens,
              const char *filter)
{
  const char *app = g_getenv ("STORYLINE_APP");
  const char *argv[] = { app, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  Run run = { -1, -1, -1, -1, -1, -1, g_array_new (FALSE, FALSE, sizeof (double)) };
  gint64 spawned;
  GPid pid;
  int out_fd;
  char *line;

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "STORYLINE_BENCH_EXIT_AFTER_FIRST_DRAW", "1", TRUE);
  if (scroll)
    env = g_environ_setenv (env, "STORYLINE_BENCH_SCROLL", "1", TRUE);
  if (filter != NULL)
    env = g_environ_setenv (env, "STORYLINE_BENCH_FILTER", filter, TRUE);
  if (n_opens > 0)
    {
      g_autofree char *n = g_strdup_printf ("%u", n_opens);

      env = g_environ_setenv (env, "STORYLINE_BENCH_OPEN", n, TRUE);
    }

  spawned = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **)argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    g_error ("Could not start the app: %s", error->message);

  alarm (RUN_TIMEOUT_S);
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "first-draw: "))
        run.start_ms = (g_ascii_strtoll (line + 12, NULL, 10) - spawned) / 1000.0;
      else if (g_str_has_prefix (line, "rss-kib: "))
        run.rss_mib = g_ascii_strtoll (line + 9, NULL, 10) / 1024.0;
      else if (g_str_has_prefix (line, "rows: "))
        run.n_rows = g_ascii_strtod (line + 6, NULL);
      else if (g_str_has_prefix (line, "headlines: "))
        {
          char *end = NULL;

          run.n_loaded = g_ascii_strtod (line + 11, &end);
          if (end != NULL && g_str_has_prefix (end, " of "))
            run.n_total = g_ascii_strtod (end + 4, NULL);
        }
      else if (g_str_has_prefix (line, "filter-ms: "))
        run.filter_ms = g_ascii_strtod (line + 11, NULL);
      else if (g_str_has_prefix (line, "open-ms: "))
        {
          double ms = g_ascii_strtod (line + 9, NULL);

          g_array_append_val (run.open_ms, ms);
        }
      else if (g_str_has_prefix (line, "open-failed: "))
        g_error ("The app could not open a headline: %s", line);
      g_free (line);
    }
  alarm (0);

  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  if (run.start_ms < 0)
    g_error ("The app quit without drawing its sidebar");

  return run;
}

static Run
run_app (const char *home,
         gboolean    scroll)
{
  Run run = run_app_full (home, scroll, 0, NULL);

  g_array_unref (run.open_ms);
  run.open_ms = NULL;
  return run;
}

static gboolean
bench_start (const char *cache)
{
  g_autofree char *empty_home = make_home (NULL);
  g_autofree char *small_home = make_small_home (1000);
  g_autofree char *full_home = make_home (cache);
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  double empty_ms, full_ms;

  /* The first start of each home migrates or creates its cache: not timed. */
  run_app (empty_home, FALSE);
  run_app (small_home, FALSE);
  run_app (full_home, FALSE);

  /* Interleaved, so a busy moment on the machine hits all three alike. */
  for (guint i = 0; i < N_STARTS; i++)
    {
      Run a = run_app (empty_home, FALSE);
      Run b = run_app (small_home, FALSE);
      Run c = run_app (full_home, FALSE);

      g_array_append_val (empty, a.start_ms);
      g_array_append_val (small, b.start_ms);
      g_array_append_val (full, c.start_ms);
    }

  empty_ms = story_bench_median (empty);
  full_ms = story_bench_median (full);
  story_bench_report ("start-empty", empty_ms, "ms", 0);
  story_bench_report ("start-1000", story_bench_median (small), "ms", 0);
  story_bench_report ("start-100000", full_ms, "ms", 0);

  story_bench_remove_tree (empty_home);
  story_bench_remove_tree (small_home);
  story_bench_remove_tree (full_home);

  return story_bench_report ("start-delta", full_ms - empty_ms, "ms", 150);
}

static gboolean
bench_memory (const char *cache)
{
  g_autofree char *empty_home = make_home (NULL);
  g_autofree char *full_home = make_home (cache);
  Run empty, full;
  gboolean ok = TRUE;

  run_app (empty_home, FALSE);
  run_app (full_home, FALSE);
  empty = run_app (empty_home, TRUE);
  full = run_app (full_home, TRUE);

  story_bench_report ("memory-empty", empty.rss_mib, "MiB", 0);
  story_bench_report ("memory-100000-rows", full.n_rows, "rows", 0);
  story_bench_report ("memory-100000-headlines-loaded", full.n_loaded, "headlines", 0);
  /* The whole list was scrolled only if every headline was loaded on the way: say so
   * when some were not (a theme passed while its next page was not asked for yet). */
  if (full.n_loaded < full.n_total)
    g_printerr ("The scroll loaded only %.0f of %.0f headlines: the figure is low\n",
                full.n_loaded, full.n_total);
  ok &= story_bench_report ("memory-100000", full.rss_mib, "MiB", 150);
  ok &= story_bench_report ("memory-delta", full.rss_mib - empty.rss_mib, "MiB", 40);

  story_bench_remove_tree (empty_home);
  story_bench_remove_tree (full_home);

  return ok;
}

/* Selecting a headline until WebKit has loaded it, with 100,000 cached (the
 * first open also starts WebKit's web process; it is reported apart), and
 * switching the sidebar to the Unread filter until it is drawn again. */
static gboolean
bench_open (const char *cache)
{
  g_autofree char *home = make_home (cache);
  g_autoptr(GArray) filter_times = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean ok;
  Run run;
  double first;

  run_app (home, FALSE);
  run = run_app_full (home, FALSE, 16, NULL);
  g_assert (run.open_ms->len == 16);

  first = g_array_index (run.open_ms, double, 0);
  g_array_remove_index (run.open_ms, 0);
  story_bench_report ("open-first-webview", first, "ms", 0);
  ok = story_bench_report ("open-webview", story_bench_median (run.open_ms), "ms", 100);
  g_array_unref (run.open_ms);

  /* Unread: all 100,000 of the cache. */
  for (guint i = 0; i < 5; i++)
    {
      Run filtered = run_app_full (home, FALSE, 0, "unread");

      g_array_unref (filtered.open_ms);
      if (filtered.filter_ms < 0)
        g_error ("The app did not show the filtered list");
      g_array_append_val (filter_times, filtered.filter_ms);
    }
  ok &= story_bench_report ("open-filter-unread-100000", story_bench_median (filter_times), "ms",
                            100);

  story_bench_remove_tree (home);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  const char *what = argc > 1 ? argv[1] : "start";

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run the benchmarks under xvfb-run and dbus-run-session\n");
      return 77;
    }
  if (g_getenv ("STORYLINE_APP") == NULL)
    g_error ("Set STORYLINE_APP to the storyline to measure");

  cache = story_bench_ensure_big_cache (&error);
  g_assert_no_error (error);

  if (g_str_equal (what, "start"))
    return bench_start (cache) ? 0 : 1;
  if (g_str_equal (what, "memory"))
    return bench_memory (cache) ? 0 : 1;
  if (g_str_equal (what, "open"))
    return bench_open (cache) ? 0 : 1;

  g_error ("Unknown benchmark “%s”", what);
}
