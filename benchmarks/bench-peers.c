/* bench-peers.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The same corpus for a peer: newsboat reloads it, as RSS 2.0 from the same
 * loopback server, in the same run as Storyline's ingest. Reports wall time
 * and peak RSS of `newsboat -x reload` for a cold cache of 10,000 and
 * 50,000 items and a second reload of 10,000 (same bytes; newsboat sends no
 * validators the server would answer with 304). No budgets: these figures
 * are for comparison. Skipped when newsboat is not installed. */

#define G_LOG_DOMAIN "story-bench"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "story-bench-workload.h"

typedef struct
{
  double seconds;
  double max_rss_mib;
} Usage;

static Usage
run_newsboat (const char *newsboat,
              const char *home)
{
  g_autofree char *urls = g_build_filename (home, "urls", NULL);
  g_autofree char *cache = g_build_filename (home, "cache.db", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  const char *argv[] = { newsboat, "-u", urls, "-c", cache, "-C", config, "-x", "reload", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "HOME", home, TRUE);
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  Usage result;
  double start;
  GPid pid;
  int status;

  env = g_environ_setenv (env, "XDG_CONFIG_HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", home, TRUE);

  start = story_bench_now ();
  if (!g_spawn_async (NULL, (char **)argv, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                      G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error))
    g_error ("Could not run newsboat: %s", error->message);
  wait4 (pid, &status, 0, &usage);
  result.seconds = story_bench_now () - start;
  result.max_rss_mib = usage.ru_maxrss / 1024.0;
  g_spawn_close_pid (pid);

  if (!g_spawn_check_wait_status (status, &error))
    g_error ("newsboat failed: %s", error->message);

  return result;
}

static void
bench_newsboat (StoryBenchServer *server,
                const char       *newsboat,
                guint             n_articles,
                gboolean          again)
{
  g_autofree char *home = story_bench_make_tmpdir ();
  g_autofree char *name = g_strdup_printf ("peers-%u", n_articles);
  g_autofree char *url = story_bench_server_add_rss (server, name, 7, n_articles);
  g_autofree char *urls = g_build_filename (home, "urls", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *label = NULL;
  Usage usage;

  g_file_set_contents (urls, url, -1, NULL);
  g_file_set_contents (config, "", -1, NULL);

  usage = run_newsboat (newsboat, home);
  label = g_strdup_printf ("newsboat-reload-%u", n_articles);
  story_bench_report (label, usage.seconds, "s", 0);
  g_free (label);
  label = g_strdup_printf ("newsboat-reload-%u-memory", n_articles);
  story_bench_report (label, usage.max_rss_mib, "MiB", 0);

  if (again)
    {
      usage = run_newsboat (newsboat, home);
      g_free (label);
      label = g_strdup_printf ("newsboat-reload-again-%u", n_articles);
      story_bench_report (label, usage.seconds, "s", 0);
    }

  story_bench_remove_tree (home);
}

/* `bench-peers serve N`: serves N articles as RSS and prints the address
 * until stdin closes, for driving another reader by hand (see README.md). */
static int
serve (guint n_articles)
{
  g_autoptr(GError) error = NULL;
  StoryBenchServer *server = story_bench_server_new (&error);
  g_autofree char *name = g_strdup_printf ("peers-%u", n_articles);
  g_autofree char *url = NULL;
  char buffer[64];

  g_assert_no_error (error);
  url = story_bench_server_add_rss (server, name, 7, n_articles);
  g_print ("%s\n", url);
  fflush (stdout);
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    ;

  story_bench_server_free (server);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *newsboat = g_find_program_in_path ("newsboat");
  StoryBenchServer *server;

  if (argc == 3 && g_str_equal (argv[1], "serve"))
    return serve (g_ascii_strtoull (argv[2], NULL, 10));

  if (newsboat == NULL)
    {
      g_printerr ("newsboat is not installed (apt-get install newsboat)\n");
      return 77;
    }

  server = story_bench_server_new (&error);
  g_assert_no_error (error);

  bench_newsboat (server, newsboat, 10000, TRUE);
  bench_newsboat (server, newsboat, 50000, FALSE);

  story_bench_server_free (server);
  return 0;
}
