/* bench-sync.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The write side: cold syncs (ingest), what the cache takes on disk
 * (db-size), syncing an unchanged source again (refresh), and the CLI's peak
 * memory while it ingests (ingest-memory). Every sync goes through the real
 * sync engine against the loopback server: fetch, parse, sanitize, store
 * with full-text index and themes. */

#define G_LOG_DOMAIN "story-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "story-bench-workload.h"
#include "story-sync-manager.h"

typedef struct
{
  char             *dir;
  char             *db_path;
  StoryStore       *store;
  StorySyncManager *manager;
  gint64            source_id;
} Cache;

static void
cache_open (Cache      *cache,
            const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;

  cache->dir = story_bench_make_tmpdir ();
  cache->db_path = g_build_filename (cache->dir, "storyline.db", NULL);
  cache->store = story_store_new (cache->db_path, &error);
  g_assert_no_error (error);
  source = story_store_add_source (cache->store, "json-feed", url, NULL, &error);
  g_assert_no_error (error);
  cache->source_id = story_source_get_id (source);
  cache->manager = story_sync_manager_new (cache->store);
}

static void
cache_close (Cache *cache)
{
  g_clear_object (&cache->manager);
  g_clear_object (&cache->store);
  /* STORY_BENCH_KEEP=1 leaves the database behind, to look inside. */
  if (g_getenv ("STORY_BENCH_KEEP") != NULL)
    g_printerr ("Kept %s\n", cache->db_path);
  else
    story_bench_remove_tree (cache->dir);
  g_clear_pointer (&cache->dir, g_free);
  g_clear_pointer (&cache->db_path, g_free);
}

/* Seconds for one sync of the cache's source; the report is checked. */
static double
timed_sync (Cache           *cache,
            StorySyncReport *out)
{
  g_autoptr(GPtrArray) reports = NULL;
  StorySyncReport *report;
  double start = story_bench_now ();
  double elapsed;

  reports = story_sync_manager_sync (cache->manager, &cache->source_id, 1, NULL);
  elapsed = story_bench_now () - start;

  g_assert (reports != NULL && reports->len == 1);
  report = g_ptr_array_index (reports, 0);
  if (report->error != NULL)
    g_error ("The sync failed: %s", report->error->message);
  if (out != NULL)
    {
      out->n_new = report->n_new;
      out->n_updated = report->n_updated;
      out->n_unchanged = report->n_unchanged;
      out->not_modified = report->not_modified;
    }

  return elapsed;
}

/* @quick: one run of @quick articles (10,000 or 50,000), for profiling */
static gboolean
bench_ingest (StoryBenchServer *server,
              guint             quick)
{
  const struct { guint n; guint runs; double budget; } sizes[] = {
    { 10000, quick == 0 ? 5 : quick == 10000, 0.8 },
    { 50000, quick == 0 || quick == 50000, 4.0 },
  };
  gboolean ok = TRUE;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *name = g_strdup_printf ("ingest-%u", sizes[s].n);
      g_autofree char *url = story_bench_server_add_feed (server, name, 7, sizes[s].n);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      if (sizes[s].runs == 0)
        continue;

      for (guint run = 0; run < sizes[s].runs; run++)
        {
          Cache cache = { 0 };
          StorySyncReport report = { 0 };
          double elapsed;

          cache_open (&cache, url);
          elapsed = timed_sync (&cache, &report);
          if (report.n_new != sizes[s].n)
            g_error ("Stored %u articles of %u", report.n_new, sizes[s].n);
          g_array_append_val (times, elapsed);
          cache_close (&cache);
        }

      ok &= story_bench_report (name, story_bench_median (times), "s", sizes[s].budget);
    }

  return ok;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64)buf.st_size : 0;
}

static gboolean
bench_db_size (StoryBenchServer *server)
{
  g_autofree char *url = story_bench_server_add_feed (server, "db-size", 11, 10000);
  g_autofree char *wal = NULL;
  Cache cache = { 0 };
  double body_size, per_article;
  gint64 bytes;
  gboolean ok = TRUE;

  cache_open (&cache, url);
  timed_sync (&cache, NULL);
  /* Closing checkpoints the WAL into the file: what stays on disk. */
  g_clear_object (&cache.manager);
  g_clear_object (&cache.store);

  wal = g_strconcat (cache.db_path, "-wal", NULL);
  bytes = file_size (cache.db_path) + file_size (wal);
  body_size = story_bench_server_get_body_size (server);
  per_article = bytes / 10000.0;

  story_bench_report ("db-size-body", body_size, "bytes", 0);
  story_bench_report ("db-size-per-article", per_article, "bytes", 0);
  ok = story_bench_report ("db-size-ratio", per_article / body_size, "x", 1.5);

  cache_close (&cache);
  return ok;
}

static gboolean
bench_refresh (StoryBenchServer *server)
{
  g_autofree char *url = story_bench_server_add_feed (server, "refresh", 13, 10000);
  g_autoptr(GArray) not_modified = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) same_content = g_array_new (FALSE, FALSE, sizeof (double));
  Cache cache = { 0 };
  gboolean ok = TRUE;

  cache_open (&cache, url);
  timed_sync (&cache, NULL);

  for (guint run = 0; run < 7; run++)
    {
      StorySyncReport report = { 0 };
      double elapsed = timed_sync (&cache, &report);

      g_assert (report.not_modified);
      g_array_append_val (not_modified, elapsed);
    }

  for (guint run = 0; run < 7; run++)
    {
      StorySyncReport report = { 0 };
      double elapsed;

      story_bench_server_change_etag (server);
      elapsed = timed_sync (&cache, &report);
      g_assert (report.n_new == 0);
      g_array_append_val (same_content, elapsed);
    }

  ok &= story_bench_report ("refresh-304", story_bench_median (not_modified) * 1000, "ms", 20);
  ok &= story_bench_report ("refresh-same-content", story_bench_median (same_content) * 1000,
                            "ms", 150);

  cache_close (&cache);
  return ok;
}

/* Peak RSS of `storyline-cli sync` of 10,000 articles, images included. */
static gboolean
bench_ingest_memory (StoryBenchServer *server)
{
  g_autofree char *url = story_bench_server_add_feed (server, "memory", 17, 10000);
  const char *cli = g_getenv ("STORYLINE_CLI");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  struct rusage usage;
  Cache cache = { 0 };
  int status = 0;
  double elapsed;

  if (cli == NULL)
    g_error ("Set STORYLINE_CLI to the storyline-cli to measure");

  cache_open (&cache, url);
  g_clear_object (&cache.manager);
  g_clear_object (&cache.store);

  /* The CLI's image cache goes to the temporary folder too. */
  env = g_get_environ ();
  env = g_environ_setenv (env, "XDG_DATA_HOME", cache.dir, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache.dir, TRUE);

  {
    const char *argv[] = { cli, "--db", cache.db_path, "sync", NULL };
    double start = story_bench_now ();

    if (!g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                       NULL, &status, &error))
      g_error ("Could not run storyline-cli: %s", error->message);
    elapsed = story_bench_now () - start;
  }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("storyline-cli sync failed: %s", error->message);

  getrusage (RUSAGE_CHILDREN, &usage);
  story_bench_report ("ingest-memory-wall", elapsed, "s", 0);
  cache_close (&cache);

  return story_bench_report ("ingest-memory", usage.ru_maxrss / 1024.0, "MiB", 150);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  StoryBenchServer *server;
  const char *what = argc > 1 ? argv[1] : "ingest";
  gboolean ok;

  server = story_bench_server_new (&error);
  g_assert_no_error (error);

  if (g_str_equal (what, "ingest"))
    ok = bench_ingest (server, 0);
  else if (g_str_equal (what, "ingest-quick"))
    ok = bench_ingest (server, 10000);
  else if (g_str_equal (what, "ingest-quick-50000"))
    ok = bench_ingest (server, 50000);
  else if (g_str_equal (what, "db-size"))
    ok = bench_db_size (server);
  else if (g_str_equal (what, "refresh"))
    ok = bench_refresh (server);
  else if (g_str_equal (what, "ingest-memory"))
    ok = bench_ingest_memory (server);
  else
    g_error ("Unknown benchmark “%s”", what);

  story_bench_server_free (server);

  return ok ? 0 : 1;
}
