/* test-store.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "story-store.h"
#include "story-util.h"

typedef struct
{
  char       *dir;
  char       *path;
  StoryStore *store;
  gint64      source_id;
} Fixture;

static StoryArticle *
make_article (const char *remote_id,
              const char *title,
              const char *tag,
              gint64      published)
{
  StoryArticle *article = story_article_new ();
  const char *tags[] = { tag, NULL };
  const char *authors[] = { "Ada Brook", "Tom Reed", NULL };

  story_article_set_remote_id (article, remote_id);
  story_article_set_title (article, title);
  story_article_set_url (article, "https://example.test/a");
  story_article_set_content_html (article, "<p>Body</p>");
  story_article_set_content_text (article, "Body");
  story_article_set_authors (article, authors);
  story_article_set_tags (article, tag ? tags : NULL);
  story_article_set_published (article, published);

  return article;
}

static GPtrArray *
batch (StoryArticle *first,
       ...)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (StoryArticle *a = first; a != NULL; a = va_arg (args, StoryArticle *))
    g_ptr_array_add (articles, a);
  va_end (args);

  return articles;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) source = NULL;

  fixture->dir = g_dir_make_tmp ("storyline-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cache", "storyline.db", NULL);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);

  source = story_store_add_source (fixture->store, "json-feed", "https://example.test/feed.json",
                                   "Example", &error);
  g_assert_no_error (error);
  fixture->source_id = story_source_get_id (source);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
count_articles (StoryStore *store)
{
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = story_store_list_articles (store, &query, &error);

  g_assert_no_error (error);
  return articles->len;
}

/* The first column of the first row @sql gives, read from the cache file
 * beside the store (WAL lets it). */
static char *
query_text (Fixture    *fixture,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autofree char *text = query_text (fixture, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Changes the cache file as another program would, with the store closed,
 * then opens the store again. */
static void
exec_store_closed (Fixture    *fixture,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&fixture->store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
}

static void
test_upsert_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = batch (make_article ("1", "One", "Tariffs", 1000), NULL);
  g_autoptr(GPtrArray) second = batch (make_article ("1", "One", "Tariffs", 1000), NULL);
  StoryStoreSaveStats stats;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, &stats,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, 1);

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, second, &stats,
                                            &error));
  g_assert_cmpuint (stats.n_new, ==, 0);
  g_assert_cmpuint (stats.n_unchanged, ==, 1);
  g_assert_cmpuint (count_articles (fixture->store), ==, 1);
  g_assert_cmpint (story_article_get_id (g_ptr_array_index (first, 0)), ==,
                   story_article_get_id (g_ptr_array_index (second, 0)));
}

/* The hash that tells versions apart: the same bytes give the same value, any
 * changed byte, length or seed another, pieces do not run together. */
static void
test_hash64 (void)
{
  char buffer[300];
  guint64 base;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < sizeof buffer; i++)
    buffer[i] = (char)(i * 7 + 3);
  base = story_hash64 (buffer, sizeof buffer, 0);
  g_assert_cmpuint (base, ==, story_hash64 (buffer, sizeof buffer, 0));
  g_assert_cmpuint (base, !=, story_hash64 (buffer, sizeof buffer, 1));

  /* Every prefix, and every single-bit change of every byte, is its own value. */
  for (guint length = 0; length <= sizeof buffer; length++)
    {
      gint64 *hash = g_new (gint64, 1);

      *hash = (gint64)story_hash64 (buffer, length, 0);
      g_assert_true (g_hash_table_add (seen, hash));
    }
  for (guint i = 0; i < sizeof buffer; i++)
    for (guint bit = 0; bit < 8; bit++)
      {
        buffer[i] ^= 1 << bit;
        g_assert_cmpuint (story_hash64 (buffer, sizeof buffer, 0), !=, base);
        buffer[i] ^= 1 << bit;
      }
  g_assert_cmpuint (story_hash64 (buffer, sizeof buffer, 0), ==, base);

  /* Chained: ("ab", "c") is not ("a", "bc"), nor ("abc", ""). */
  g_assert_cmpuint (story_hash64 ("c", 1, story_hash64 ("ab", 2, 0)), !=,
                    story_hash64 ("bc", 2, story_hash64 ("a", 1, 0)));
  g_assert_cmpuint (story_hash64 ("", 0, story_hash64 ("abc", 3, 0)), !=,
                    story_hash64 ("c", 1, story_hash64 ("ab", 2, 0)));
}

/* The fast UTF-8 check answers exactly as GLib's, NUL refused included, for
 * broken bytes at every position of its 8-byte steps. */
static void
test_utf8_validate (void)
{
  const char *pieces[] = { "a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\xb0", "\xc3",
                           "\xff", "\xed\xa0\x80", "\xc0\xaf", "", "\x80" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 12);
      g_autofree char *valid = NULL;

      for (guint i = 0; i < n; i++)
        {
          guint which = g_rand_int_range (rand, 0, 16);

          /* Mostly ASCII, like a feed. */
          if (which >= G_N_ELEMENTS (pieces))
            g_string_append (text, "plain text ");
          else if (pieces[which][0] == '\0')
            g_string_append_c (text, '\0');
          else
            g_string_append (text, pieces[which]);
        }

      g_assert_cmpint (story_utf8_validate (text->str, text->len), ==,
                       g_utf8_validate_len (text->str, text->len, NULL));
      valid = story_utf8_make_valid (text->str, text->len);
      g_assert_true (g_utf8_validate (valid, -1, NULL));
      {
        g_autofree char *expected = g_utf8_make_valid (text->str, text->len);
        g_assert_cmpstr (valid, ==, expected);
      }
    }
}

/* Rows written before the article hash was story_hash64() carry SHA-1 over the
 * same fields: an unchanged article must still be found unchanged, or every
 * cached article would be rewritten, and counted as updated, once. */
static void
test_upsert_legacy_hash (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = batch (make_article ("1", "One", "Tariffs", 1000), NULL);
  g_autoptr(GPtrArray) second = batch (make_article ("1", "One", "Tariffs", 1000), NULL);
  g_autoptr(GPtrArray) third = batch (make_article ("1", "One, edited", "Tariffs", 1000), NULL);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  /* title, url, external url, summary, HTML, image, authors, tags */
  const char *fields[] = { "One", "https://example.test/a", NULL, NULL, "<p>Body</p>", NULL,
                           "Ada Brook\x1fTom Reed", "Tariffs" };
  gint64 times[] = { 1000, STORY_TIME_UNKNOWN };
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;
  StoryStoreSaveStats stats;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, &stats,
                                            &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] != NULL)
        g_checksum_update (checksum, (const guchar *)fields[i], -1);
      g_checksum_update (checksum, (const guchar *)"\0", 1);
    }
  g_checksum_update (checksum, (const guchar *)times, sizeof times);

  stored = query_text (fixture, "SELECT hash FROM articles");
  /* The new hash is not SHA-1's length: the two never mix. */
  g_assert_cmpuint (strlen (stored), ==, 16);
  sql = g_strdup_printf ("UPDATE articles SET hash = '%s'", g_checksum_get_string (checksum));
  exec_store_closed (fixture, sql);

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, second, &stats,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_unchanged, ==, 1);
  g_assert_cmpuint (stats.n_updated, ==, 0);

  /* An edit is still an edit against an old hash. */
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, third, &stats,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_updated, ==, 1);
  g_assert_cmpuint (count_articles (fixture->store), ==, 1);
}

/* A statement that opens a statement journal makes the search index write the
 * words it holds as a segment of its own; a first sync's new themes each did,
 * and the index spent a tenth of that sync merging the small segments. */
static void
test_new_themes_keep_index_whole (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  StoryStoreSaveStats stats;

  /* Segments stay as written, so that they can be counted. */
  exec_store_closed (fixture,
                     "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0);"
                     "INSERT INTO articles_fts (articles_fts, rank) VALUES ('crisismerge', 1000);");

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *tag = g_strdup_printf ("Section %u", i % 60);

      g_ptr_array_add (articles, make_article (id, "Harbour strike talks", tag, 1000 + i));
    }
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, &stats,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, 300);

  /* The same tags again find their themes. */
  g_ptr_array_set_size (articles, 0);
  g_ptr_array_add (articles, make_article ("again", "Harbour strike ends", "Section 7", 5000));
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, &stats,
                                            &error));
  g_assert_no_error (error);

  /* One segment per batch. */
  g_assert_cmpint (query_int (fixture, "SELECT count(DISTINCT segid) FROM articles_fts_idx"), <=,
                   2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM themes WHERE key LIKE 'section %'"),
                   ==, 60);
  found = story_store_search (fixture->store, "harbour", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 301);
}

/* SQLite's automatic checkpoint is replaced by one on a thread of its own: the
 * log of a big sync must still reach the database file while the store is
 * open, or the log would grow with every sync until the app quits. */
static void
test_log_copied_in_background (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  StoryStoreSaveStats stats;
  GStatBuf info;
  gint64 deadline;

  /* About 20 MB of bodies that compress poorly: past the 1,000 pages of log
   * (16 MB) after which a copy is due. */
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autoptr(GString) html = g_string_new ("<p>");
      StoryArticle *article = make_article (id, "Noise", NULL, 1000 + i);

      for (guint j = 0; j < 40000; j++)
        g_string_append_c (html, j % 9 == 8 ? ' ' : 'a' + g_rand_int_range (rand, 0, 26));
      g_string_append (html, "</p>");
      story_article_set_content_html (article, html->str);
      g_ptr_array_add (articles, article);
    }

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, &stats,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, 500);

  /* The store stays open: only the checkpointing thread can have grown the file. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (g_stat (fixture->path, &info) == 0 && info.st_size < 10 * 1024 * 1024
         && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpint (info.st_size, >=, 10 * 1024 * 1024);

  /* Writes go on beside it, and everything is there after reopening. */
  g_ptr_array_set_size (articles, 0);
  g_ptr_array_add (articles, make_article ("late", "Late", NULL, 9000));
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, &stats,
                                            &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_articles (fixture->store), ==, 501);
}

/* The notifications' starting point: the greatest id, which every later article is above. */
static void
test_newest_article_id (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = batch (make_article ("1", "One", "Tariffs", 1000),
                                      make_article ("2", "Two", "Tariffs", 3000), NULL);
  g_autoptr(GPtrArray) later = batch (make_article ("3", "Three", "Harbour", 2000), NULL);
  gint64 newest;

  g_assert_cmpint (story_store_get_newest_article_id (fixture->store, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, NULL,
                                            &error));
  g_assert_no_error (error);
  newest = story_store_get_newest_article_id (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (newest, ==, MAX (story_article_get_id (g_ptr_array_index (first, 0)),
                                    story_article_get_id (g_ptr_array_index (first, 1))));

  /* An older article stored later still gets a greater id. */
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, later, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (story_article_get_id (g_ptr_array_index (later, 0)), >, newest);
  g_assert_cmpint (story_store_get_newest_article_id (fixture->store, &error), ==,
                   story_article_get_id (g_ptr_array_index (later, 0)));
}

static void
test_update_keeps_state (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = batch (make_article ("1", "Draft title", "Tariffs", 1000), NULL);
  g_autoptr(GPtrArray) edited = batch (make_article ("1", "Final title", "Tariffs", 1000), NULL);
  g_autoptr(StoryArticle) stored = NULL;
  StoryStoreSaveStats stats;
  gint64 id;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, NULL,
                                            &error));
  id = story_article_get_id (g_ptr_array_index (first, 0));
  g_assert_true (story_store_set_read (fixture->store, id, TRUE, &error));
  g_assert_true (story_store_set_starred (fixture->store, id, TRUE, &error));

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, edited, &stats,
                                            &error));
  g_assert_cmpuint (stats.n_updated, ==, 1);

  stored = story_store_get_article (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (story_article_get_title (stored), ==, "Final title");
  g_assert_true (story_article_get_read (stored));
  g_assert_true (story_article_get_starred (stored));
  g_assert_cmpstr (story_article_get_authors (stored)[1], ==, "Tom Reed");
  g_assert_cmpstr (story_article_get_content_html (stored), ==, "<p>Body</p>");
  g_assert_cmpstr (story_article_get_source_title (stored), ==, "Example");
}

static void
test_reopen_keeps_everything (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = batch (make_article ("1", "One", "Tariffs", 1000),
                                         make_article ("2", "Two", "Ceasefire", 2000),
                                         make_article ("3", "Three", NULL, STORY_TIME_UNKNOWN),
                                         NULL);
  g_autoptr(GPtrArray) sources = NULL;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_true (story_store_set_starred (fixture->store,
                                          story_article_get_id (g_ptr_array_index (articles, 1)),
                                          TRUE, &error));
  g_clear_object (&fixture->store);

  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_articles (fixture->store), ==, 3);

  sources = story_store_list_sources (fixture->store, &error);
  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (story_source_get_title (g_ptr_array_index (sources, 0)), ==, "Example");
  g_assert_cmpint (story_source_get_unread_count (g_ptr_array_index (sources, 0)), ==, 3);

  {
    StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
    g_autoptr(GPtrArray) starred = NULL;

    query.starred_only = TRUE;
    starred = story_store_list_articles (fixture->store, &query, &error);
    g_assert_cmpuint (starred->len, ==, 1);
    g_assert_cmpstr (story_article_get_title (g_ptr_array_index (starred, 0)), ==, "Two");
  }
}

static void
test_themes_from_tags (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = batch (make_article ("1", "Old tariff news", "Tariffs", 1000),
                                         make_article ("2", "Ceasefire holds", "Ceasefire", 2000),
                                         make_article ("3", "New tariff news", "tariffs ", 3000),
                                         make_article ("4", "Untagged", NULL, 500),
                                         NULL);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) related = NULL;
  StoryTheme *theme;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_no_error (error);

  themes = story_store_list_themes (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->len, ==, 3);

  /* Latest activity first; untagged articles last, under "Other news". */
  theme = g_ptr_array_index (themes, 0);
  g_assert_cmpstr (story_theme_get_label (theme), ==, "Tariffs");
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 2);
  g_assert_cmpint (story_theme_get_unread_count (theme), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (story_theme_get_articles (theme)), ==, 2);
  {
    g_autoptr(StoryArticle) newest = g_list_model_get_item (story_theme_get_articles (theme), 0);
    g_assert_cmpstr (story_article_get_title (newest), ==, "New tariff news");
  }

  g_assert_cmpstr (story_theme_get_label (g_ptr_array_index (themes, 1)), ==, "Ceasefire");
  theme = g_ptr_array_index (themes, 2);
  g_assert_cmpint (story_theme_get_id (theme), ==, STORY_THEME_ID_NONE);
  g_assert_cmpstr (story_theme_get_label (theme), ==, "Other news");

  /* More on this theme: the other tariff article, not itself. */
  related = story_store_list_related (fixture->store,
                                      story_article_get_id (g_ptr_array_index (articles, 0)), 10,
                                      &error);
  g_assert_cmpuint (related->len, ==, 1);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (related, 0)), ==,
                   "New tariff news");
}

static StoryArticle *
make_story_article (const char *remote_id,
                    const char *title,
                    const char *summary,
                    gint64      published)
{
  StoryArticle *article = make_article (remote_id, title, NULL, published);

  story_article_set_summary (article, summary);
  return article;
}

static gint64
theme_of (StoryStore   *store,
          StoryArticle *article)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryArticle) stored = story_store_get_article (store, story_article_get_id (article),
                                                            &error);

  g_assert_no_error (error);
  return story_article_get_theme_id (stored);
}

/* Two outlets word one event differently; the reader sees one theme, and it
 * keeps its id and name as more reports arrive, also after a restart. */
/* A store that does not keep its clusterer lets go of it when told (after each sync,
 * in the app) and loads it again when next needed: new articles still join the
 * stories they belong to, and the reader can still ask why. */
static void
test_themes_clusterer_released (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_auto(GStrv) why = NULL;
  gint64 t0 = 1790000000;
  gint64 theme_id;

  first = batch (make_story_article ("a1", "Marren and Oskeld initial a ceasefire text in Lindhaven",
                                     "Negotiators agreed a demilitarised strip along the Aster.", t0),
                 make_story_article ("a2", "Oskeld and Marren sign draft armistice in Lindhaven",
                                     "Observers will patrol the Aster line under the deal.",
                                     t0 + 600),
                 make_story_article ("a3", "Zoo welcomes twin red panda cubs",
                                     "The cubs made their first appearance at Thornbury zoo.",
                                     t0 + 120),
                 NULL);
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, NULL,
                                            &error));
  g_assert_no_error (error);
  theme_id = theme_of (fixture->store, g_ptr_array_index (first, 0));
  g_assert_cmpint (theme_id, !=, STORY_THEME_ID_NONE);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (first, 1)), ==, theme_id);

  /* Kept by default. */
  g_assert_true (story_store_has_clusterer (fixture->store));
  story_store_release_memory (fixture->store);
  g_assert_true (story_store_has_clusterer (fixture->store));

  story_store_set_keep_clusterer (fixture->store, FALSE);
  story_store_release_memory (fixture->store);
  g_assert_false (story_store_has_clusterer (fixture->store));

  second = batch (make_story_article ("b1", "Oskeld parliament backs the Lindhaven armistice",
                                      "Lawmakers endorsed the accord with Marren on the Aster.",
                                      t0 + 3600),
                  make_story_article ("b2", "Thornbury zoo names its red panda twins",
                                      "Visitors chose the names of the two cubs.", t0 + 3700),
                  NULL);
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, second, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_true (story_store_has_clusterer (fixture->store));
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (second, 0)), ==, theme_id);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (second, 1)), !=,
                   STORY_THEME_ID_NONE);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (second, 1)), !=, theme_id);

  story_store_release_memory (fixture->store);
  g_assert_false (story_store_has_clusterer (fixture->store));

  /* A sync that brings nothing new, or only an edit, does not load it: most syncs. */
  {
    g_autoptr(GPtrArray) again = batch (make_story_article ("b1",
                                                            "Oskeld parliament backs the Lindhaven armistice",
                                                            "Lawmakers endorsed the accord with Marren on the Aster.",
                                                            t0 + 3600),
                                        make_story_article ("b2", "Thornbury zoo names its red panda twins",
                                                            "Visitors voted for the names of the two cubs.",
                                                            t0 + 3700),
                                        NULL);
    StoryStoreSaveStats stats = { 0 };

    g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, again, &stats,
                                              &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.n_new, ==, 0);
    g_assert_cmpuint (stats.n_unchanged, ==, 1);
    g_assert_cmpuint (stats.n_updated, ==, 1);
    g_assert_false (story_store_has_clusterer (fixture->store));
    g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (again, 0)), ==, theme_id);
  }

  /* Asking why reads the article's story and recent articles, not the whole clusterer,
   * and finds what the whole one finds. */
  why = story_store_dup_shared_terms (fixture->store,
                                      story_article_get_id (g_ptr_array_index (second, 0)), 5,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (why);
  g_assert_true (g_strv_contains ((const char * const *)why, "Lindhaven"));
  g_assert_false (story_store_has_clusterer (fixture->store));

  story_store_set_keep_clusterer (fixture->store, TRUE);
  for (guint i = 0; i < first->len; i++)
    {
      gint64 id = story_article_get_id (g_ptr_array_index (first, i));
      g_auto(GStrv) light = NULL;
      g_auto(GStrv) whole = NULL;

      story_store_set_keep_clusterer (fixture->store, FALSE);
      story_store_release_memory (fixture->store);
      light = story_store_dup_shared_terms (fixture->store, id, 5, &error);
      g_assert_no_error (error);
      story_store_set_keep_clusterer (fixture->store, TRUE);
      whole = story_store_dup_shared_terms (fixture->store, id, 5, &error);
      g_assert_no_error (error);
      g_assert_true (story_store_has_clusterer (fixture->store));
      g_assert_true ((light == NULL) == (whole == NULL));
      if (light != NULL)
        g_assert_true (g_strv_equal ((const char * const *)light, (const char * const *)whole));
    }
}

static void
test_themes_across_sources (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) other = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_auto(GStrv) why = NULL;
  g_autofree char *label = NULL;
  gint64 t0 = 1790000000;
  gint64 theme_id;

  other = story_store_add_source (fixture->store, "json-feed", "https://other.test/feed.json",
                                  "Other", &error);
  g_assert_no_error (error);

  first = batch (make_story_article ("a1", "Marren and Oskeld initial a ceasefire text in Lindhaven",
                                     "Negotiators agreed a demilitarised strip along the Aster.", t0),
                 make_story_article ("a2", "Dunmere Rovers win the National Cup",
                                     "A late header by Eli Marsh settled the final.", t0 + 60),
                 make_story_article ("a3", "Zoo welcomes twin red panda cubs",
                                     "The cubs made their first appearance at Thornbury zoo.",
                                     t0 + 120),
                 make_story_article ("a4", "New cycle lane opens along the canal",
                                     "The path links the station with the campus.", t0 + 180),
                 make_story_article ("a5", "Recipe: apple cake with brown butter",
                                     "A one-bowl cake for the last apples of the season.", t0 + 240),
                 make_story_article ("a6", "Library celebrates its centenary with a book sale",
                                     "Volunteers will sell donated books over a weekend.", t0 + 300),
                 NULL);
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, NULL,
                                            &error));
  g_assert_no_error (error);
  /* Alone in its story so far: no theme to speak of. */
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (first, 0)), ==,
                   STORY_THEME_ID_NONE);

  second = batch (make_story_article ("b1", "Lindhaven truce: Oskeld and Marren sign draft armistice",
                                      "Observers will patrol the Aster line under the deal.",
                                      t0 + 3600),
                  NULL);
  g_assert_true (story_store_save_articles (fixture->store, story_source_get_id (other), second,
                                            NULL, &error));
  g_assert_no_error (error);

  theme_id = theme_of (fixture->store, g_ptr_array_index (first, 0));
  g_assert_cmpint (theme_id, !=, STORY_THEME_ID_NONE);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (second, 0)), ==, theme_id);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (first, 1)), ==,
                   STORY_THEME_ID_NONE);

  related = story_store_list_related (fixture->store,
                                      story_article_get_id (g_ptr_array_index (first, 0)), 10,
                                      &error);
  g_assert_cmpuint (related->len, ==, 1);
  g_assert_cmpstr (story_article_get_source_title (g_ptr_array_index (related, 0)), ==, "Other");

  why = story_store_dup_shared_terms (fixture->store,
                                      story_article_get_id (g_ptr_array_index (second, 0)), 5,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (why);
  g_assert_true (g_strv_contains ((const char * const *)why, "Lindhaven"));

  themes = story_store_list_themes (fixture->store, FALSE, &error);
  label = g_strdup (story_theme_get_label (g_ptr_array_index (themes, 0)));
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (themes, 0)), ==, theme_id);
  /* Named after the names both headlines share, all as strong as each other. */
  g_assert_true (strstr (label, "Lindhaven") != NULL || strstr (label, "Marren") != NULL
                 || strstr (label, "Oskeld") != NULL);

  /* After a restart, a new report joins the same theme under the same name. */
  g_clear_object (&fixture->store);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  third = batch (make_story_article ("b2", "Oskeld parliament backs the Lindhaven armistice",
                                     "Lawmakers endorsed the accord with Marren on the Aster.",
                                     t0 + 7200),
                 NULL);
  g_assert_true (story_store_save_articles (fixture->store, story_source_get_id (other), third,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (third, 0)), ==, theme_id);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (first, 0)), ==, theme_id);

  g_clear_pointer (&themes, g_ptr_array_unref);
  themes = story_store_list_themes (fixture->store, FALSE, &error);
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (themes, 0)), ==, theme_id);
  g_assert_cmpstr (story_theme_get_label (g_ptr_array_index (themes, 0)), ==, label);
  g_assert_cmpint (story_theme_get_article_count (g_ptr_array_index (themes, 0)), ==, 3);

  /* Building the stories again from scratch changes nothing the reader sees. */
  g_assert_true (story_store_recluster (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (first, 0)), ==, theme_id);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (third, 0)), ==, theme_id);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (first, 1)), ==,
                   STORY_THEME_ID_NONE);
  g_clear_pointer (&themes, g_ptr_array_unref);
  themes = story_store_list_themes (fixture->store, FALSE, &error);
  g_assert_cmpstr (story_theme_get_label (g_ptr_array_index (themes, 0)), ==, label);

  /* The reader's name for a theme outlives new articles and re-clustering. */
  g_assert_true (story_store_rename_theme (fixture->store, theme_id, " Highland truce ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&third, g_ptr_array_unref);
  third = batch (make_story_article ("b3", "Lindhaven observers reach the Aster line",
                                     "Monitors from neutral states began patrols between Marren "
                                     "and Oskeld positions.", t0 + 9000),
                 make_story_article ("b4", "Marren and Oskeld swap prisoners under Lindhaven deal",
                                     "Buses crossed the Aster as the armistice's exchange began.",
                                     t0 + 9600),
                 make_story_article ("b5", "Lindhaven armistice: Oskeld pulls units off the ridge",
                                     "The first withdrawal under the Marren accord went ahead.",
                                     t0 + 9900),
                 NULL);
  g_assert_true (story_store_save_articles (fixture->store, story_source_get_id (other), third,
                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_true (story_store_recluster (fixture->store, &error));
  g_clear_pointer (&themes, g_ptr_array_unref);
  themes = story_store_list_themes (fixture->store, FALSE, &error);
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (themes, 0)), ==, theme_id);
  g_assert_cmpint (story_theme_get_article_count (g_ptr_array_index (themes, 0)), ==, 6);
  g_assert_cmpstr (story_theme_get_label (g_ptr_array_index (themes, 0)), ==, "Highland truce");

  g_assert_false (story_store_rename_theme (fixture->store, 9999, "Nothing", &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The reader moves an article out: it stays out after a restart and a
   * re-clustering, and the theme goes on without it. */
  g_assert_true (story_store_move_out_of_theme (fixture->store,
                                                story_article_get_id (g_ptr_array_index (third, 0)),
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (third, 0)), ==,
                   STORY_THEME_ID_NONE);
  g_clear_object (&fixture->store);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (story_store_recluster (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (third, 0)), ==,
                   STORY_THEME_ID_NONE);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (third, 1)), ==, theme_id);
  g_clear_pointer (&themes, g_ptr_array_unref);
  themes = story_store_list_themes (fixture->store, FALSE, &error);
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (themes, 0)), ==, theme_id);
  g_assert_cmpint (story_theme_get_article_count (g_ptr_array_index (themes, 0)), ==, 5);
}

/* The reader merges two themes: one theme remains, also after a restart and
 * a re-clustering. */
static void
test_merge_themes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  gint64 t0 = 1790000000;
  gint64 talks, cup;

  articles = batch (make_story_article ("1", "Marren and Oskeld initial a ceasefire text in Lindhaven",
                                        "Negotiators agreed a strip along the Aster.", t0),
                    make_story_article ("2", "Lindhaven truce: Oskeld and Marren sign armistice",
                                        "Observers will patrol the Aster line.", t0 + 60),
                    make_story_article ("3", "Dunmere Rovers win the National Cup",
                                        "A late header by Eli Marsh settled the final.", t0 + 120),
                    make_story_article ("4", "Rovers parade the National Cup through Dunmere",
                                        "Fans cheered Eli Marsh and the squad.", t0 + 180),
                    make_story_article ("5", "Zoo welcomes twin red panda cubs",
                                        "The cubs made their first appearance at Thornbury zoo.",
                                        t0 + 240),
                    make_story_article ("6", "New cycle lane opens along the canal",
                                        "The path links the station with the campus.", t0 + 300),
                    NULL);
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_no_error (error);
  talks = theme_of (fixture->store, g_ptr_array_index (articles, 0));
  cup = theme_of (fixture->store, g_ptr_array_index (articles, 2));
  g_assert_cmpint (talks, !=, STORY_THEME_ID_NONE);
  g_assert_cmpint (cup, !=, STORY_THEME_ID_NONE);
  g_assert_cmpint (talks, !=, cup);

  g_assert_false (story_store_merge_themes (fixture->store, talks, 9999, &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (story_store_merge_themes (fixture->store, talks, cup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (articles, 3)), ==, talks);

  g_clear_object (&fixture->store);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (story_store_recluster (fixture->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (articles, i)), ==, talks);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (articles, 4)), ==,
                   STORY_THEME_ID_NONE);

  themes = story_store_list_themes (fixture->store, FALSE, &error);
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (themes, 0)), ==, talks);
  g_assert_cmpint (story_theme_get_article_count (g_ptr_array_index (themes, 0)), ==, 4);
}

static gboolean
theme_listed (StoryStore *store,
              gint64      theme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) themes = story_store_list_themes (store, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < themes->len; i++)
    if (story_theme_get_id (g_ptr_array_index (themes, i)) == theme_id)
      return TRUE;

  return FALSE;
}

/* The reader follows one story and mutes it for a day: only its new articles
 * are announced, it is hidden while muted, and both choices outlive a restart
 * and a re-clustering. */
static void
test_follow_and_mute (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(GPtrArray) muted = NULL;
  gint64 t0 = 1790000000;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 talks, cup;

  articles = batch (make_story_article ("1", "Marren and Oskeld initial a ceasefire text in Lindhaven",
                                        "Negotiators agreed a strip along the Aster.", t0),
                    make_story_article ("2", "Lindhaven truce: Oskeld and Marren sign armistice",
                                        "Observers will patrol the Aster line.", t0 + 60),
                    make_story_article ("3", "Dunmere Rovers win the National Cup",
                                        "A late header by Eli Marsh settled the final.", t0 + 120),
                    make_story_article ("4", "Rovers parade the National Cup through Dunmere",
                                        "Fans cheered Eli Marsh and the squad.", t0 + 180),
                    make_story_article ("5", "Zoo welcomes twin red panda cubs",
                                        "The cubs made their first appearance at Thornbury zoo.",
                                        t0 + 240),
                    NULL);
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_no_error (error);
  talks = theme_of (fixture->store, g_ptr_array_index (articles, 0));
  cup = theme_of (fixture->store, g_ptr_array_index (articles, 2));
  g_assert_cmpint (talks, !=, STORY_THEME_ID_NONE);
  g_assert_cmpint (cup, !=, STORY_THEME_ID_NONE);

  /* Those came in an hour ago; a sync now brings one article to each story. */
  exec_store_closed (fixture, "UPDATE articles SET first_seen = first_seen - 3600");

  g_assert_false (story_store_set_theme_followed (fixture->store, 9999, TRUE, &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (story_store_set_theme_followed (fixture->store, talks, TRUE, &error));
  g_assert_no_error (error);

  later = batch (make_story_article ("6", "Oskeld parliament backs the Lindhaven armistice with Marren",
                                     "Lawmakers endorsed the accord on the Aster.", t0 + 3600),
                 make_story_article ("7", "Dunmere Rovers sign Eli Marsh to a new deal after Cup",
                                     "The National Cup hero stays at Dunmere.", t0 + 3660),
                 NULL);
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, later, NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (theme_of (fixture->store, g_ptr_array_index (later, 0)), ==, talks);

  news = story_store_list_new_in_followed (fixture->store, now - 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (news->len, ==, 1);
  g_assert_cmpint (story_article_get_id (g_ptr_array_index (news, 0)), ==,
                   story_article_get_id (g_ptr_array_index (later, 0)));
  g_assert_cmpint (story_article_get_theme_id (g_ptr_array_index (news, 0)), ==, talks);
  g_assert_nonnull (story_article_get_theme_label (g_ptr_array_index (news, 0)));

  /* Muted for a day: hidden, its count gone, and nothing announced. */
  g_assert_true (story_store_mute_theme (fixture->store, talks, now + 24 * 3600, &error));
  g_assert_no_error (error);
  g_assert_false (theme_listed (fixture->store, talks));
  g_assert_true (theme_listed (fixture->store, cup));
  g_clear_pointer (&news, g_ptr_array_unref);
  news = story_store_list_new_in_followed (fixture->store, now - 60, &error);
  g_assert_cmpuint (news->len, ==, 0);

  g_clear_object (&fixture->store);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (story_store_recluster (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_false (theme_listed (fixture->store, talks));
  muted = story_store_list_muted_themes (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (muted->len, ==, 1);
  g_assert_cmpint (story_theme_get_id (g_ptr_array_index (muted, 0)), ==, talks);
  g_assert_true (story_theme_get_followed (g_ptr_array_index (muted, 0)));
  g_assert_cmpint (story_theme_get_muted_until (g_ptr_array_index (muted, 0)), ==,
                   now + 24 * 3600);

  /* Unmuted, it is back, still followed; a mute that ran out hides nothing. */
  g_assert_true (story_store_mute_theme (fixture->store, talks, 0, &error));
  g_assert_true (theme_listed (fixture->store, talks));
  g_assert_true (story_store_mute_theme (fixture->store, cup, now - 1, &error));
  g_assert_true (theme_listed (fixture->store, cup));
  g_clear_pointer (&news, g_ptr_array_unref);
  news = story_store_list_new_in_followed (fixture->store, now - 60, &error);
  g_assert_cmpuint (news->len, ==, 1);

  /* For good, then no longer followed. */
  g_assert_true (story_store_mute_theme (fixture->store, talks, STORY_THEME_MUTED_FOREVER, &error));
  g_assert_false (theme_listed (fixture->store, talks));
  g_assert_true (story_store_mute_theme (fixture->store, talks, 0, &error));
  g_assert_true (story_store_set_theme_followed (fixture->store, talks, FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&news, g_ptr_array_unref);
  news = story_store_list_new_in_followed (fixture->store, now - 60, &error);
  g_assert_cmpuint (news->len, ==, 0);
}

static void
test_failed_batch_rolls_back (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) good = batch (make_article ("1", "Kept", "Tariffs", 1000), NULL);
  g_autoptr(GPtrArray) bad = NULL;
  StoryArticle *broken = make_article ("3", "Broken", "Tariffs", 1000);

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, good, NULL,
                                            &error));

  /* An article with no remote id violates the schema mid-batch. */
  story_article_set_remote_id (broken, NULL);
  bad = batch (make_article ("2", "New", "Tariffs", 2000), broken, NULL);
  g_assert_false (story_store_save_articles (fixture->store, fixture->source_id, bad, NULL,
                                             &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_FAILED);

  /* Nothing of the failed batch is kept, and what was there stays. */
  g_assert_cmpuint (count_articles (fixture->store), ==, 1);
}

/* A batch big enough that the store clusters its articles on a thread of
 * its own while it writes: a failure late in it, or an abort, keeps
 * nothing, and the next batch is clustered from what the cache holds. */
static void
test_big_batch_rolls_back (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) good = batch (make_article ("kept", "Kept", "Tariffs", 1000), NULL);
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StoryStoreBatch) aborted = NULL;
  StoryStoreSaveStats stats = { 0 };
  StoryArticle *broken;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, good, NULL,
                                            &error));

  /* Pairs of articles on one subject each, so that they make stories. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("big-%u", i);
      g_autofree char *title = g_strdup_printf ("Harbour bridge %u reopens after repairs",
                                                i / 2);

      g_ptr_array_add (big, make_article (id, title, "City", 100000 + i * 60));
    }
  broken = g_ptr_array_index (big, 500);
  story_article_set_remote_id (broken, NULL);

  g_assert_false (story_store_save_articles (fixture->store, fixture->source_id, big, NULL,
                                             &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (count_articles (fixture->store), ==, 1);

  /* An abort after every row was written keeps nothing either. */
  story_article_set_remote_id (broken, "big-500");
  aborted = story_store_begin_batch (fixture->store, fixture->source_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < big->len; i++)
    g_assert_true (story_store_batch_add (aborted, g_ptr_array_index (big, i), &error));
  g_clear_pointer (&aborted, story_store_batch_abort);
  g_assert_cmpuint (count_articles (fixture->store), ==, 1);

  /* The same articles go in whole once nothing is wrong with them. */
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, big, &stats,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_new, ==, 600);
  g_assert_cmpuint (count_articles (fixture->store), ==, 601);

  /* Every article has its story, and the new ones share theirs. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), count(story_id), "
                                       "count(DISTINCT story_id) FROM articles", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 601);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 601);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), <, 300);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_remove_source (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = batch (make_article ("1", "One", "Tariffs", 1000), NULL);
  g_autoptr(StorySource) again = NULL;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_true (story_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_cmpuint (count_articles (fixture->store), ==, 0);

  g_assert_false (story_store_remove_source (fixture->store, fixture->source_id, &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  again = story_store_add_source (fixture->store, "json-feed", "https://other.test/f.json", NULL,
                                  &error);
  g_assert_no_error (error);
  g_assert_null (story_store_add_source (fixture->store, "json-feed", "https://other.test/f.json",
                                         NULL, &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_EXISTS);
}

static void
test_source_load_remote (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySource) before = NULL;
  g_autoptr(StorySource) after = NULL;

  /* Remote content is off until the user allows it, and the choice survives a restart. */
  before = story_store_get_source (fixture->store, fixture->source_id, &error);
  g_assert_no_error (error);
  g_assert_false (story_source_get_load_remote (before));

  g_assert_true (story_store_set_source_load_remote (fixture->store, fixture->source_id, TRUE,
                                                     &error));
  g_clear_object (&fixture->store);
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);

  after = story_store_get_source (fixture->store, fixture->source_id, &error);
  g_assert_no_error (error);
  g_assert_true (story_source_get_load_remote (after));

  g_assert_false (story_store_set_source_load_remote (fixture->store, 9999, TRUE, &error));
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_NOT_FOUND);
}

static void
test_newer_schema_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoryStore) reopened = NULL;

  g_clear_object (&fixture->store);

  /* Pretend a future Storyline wrote the file. */
  fixture->store = story_store_new (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }

  reopened = story_store_new (fixture->path, &error);
  g_assert_null (reopened);
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_TOO_NEW);
}

static void
themes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = story_store_list_themes_finish (STORY_STORE (object), result, &error);
  g_assert_no_error (error);
  /* Results come back on the thread that asked. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
}

static void
test_async_on_worker (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = batch (make_article ("1", "One", "Tariffs", 1000), NULL);
  GPtrArray *themes = NULL;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));

  story_store_list_themes_async (fixture->store, STORY_ARTICLE_FILTER_ALL, NULL, themes_loaded_cb,
                                 &themes);
  while (themes == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (themes->len, ==, 1);
  g_ptr_array_unref (themes);
}

/* A reload asks for as many of a theme's headlines as the sidebar has loaded; the other
 * themes list their first page, and a filter still applies to the longer list. */
static void
test_async_sized_pages (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) page_sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  GPtrArray *themes = NULL;
  StoryTheme *tariffs = NULL, *trains = NULL;
  gint64 tariffs_id = 0, fifth_id;

  for (guint i = 0; i < 130; i++)
    {
      g_autofree char *remote_id = g_strdup_printf ("t%u", i);
      g_autofree char *title = g_strdup_printf ("Tariffs %u", i);

      g_ptr_array_add (articles, make_article (remote_id, title, "Tariffs", 100000 - i));
    }
  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *remote_id = g_strdup_printf ("n%u", i);
      g_autofree char *title = g_strdup_printf ("Trains %u", i);

      g_ptr_array_add (articles, make_article (remote_id, title, "Trains", 50000 - i));
    }
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_no_error (error);

  themes = story_store_list_themes_filtered (fixture->store, STORY_ARTICLE_FILTER_ALL, FALSE,
                                             &error);
  g_assert_no_error (error);
  for (guint i = 0; i < themes->len; i++)
    if (g_strcmp0 (story_theme_get_label (g_ptr_array_index (themes, i)), "Tariffs") == 0)
      tariffs_id = story_theme_get_id (g_ptr_array_index (themes, i));
  g_clear_pointer (&themes, g_ptr_array_unref);

  g_hash_table_insert (page_sizes, g_memdup2 (&tariffs_id, sizeof tariffs_id),
                       GUINT_TO_POINTER (100));
  story_store_list_themes_sized_async (fixture->store, STORY_ARTICLE_FILTER_ALL, page_sizes,
                                       NULL, themes_loaded_cb, &themes);
  while (themes == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (themes->len, ==, 2);
  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);

      if (story_theme_get_id (theme) == tariffs_id)
        tariffs = theme;
      else
        trains = theme;
    }
  g_assert_nonnull (tariffs);
  g_assert_nonnull (trains);
  g_assert_cmpint (story_theme_get_article_count (tariffs), ==, 130);
  g_assert_cmpuint (g_list_model_get_n_items (story_theme_get_articles (tariffs)), ==, 100);
  g_assert_cmpuint (g_list_model_get_n_items (story_theme_get_articles (trains)), ==,
                    STORY_THEME_FIRST_PAGE);
  {
    g_autoptr(StoryArticle) fifth = g_list_model_get_item (story_theme_get_articles (tariffs), 4);
    g_autoptr(StoryArticle) last = g_list_model_get_item (story_theme_get_articles (tariffs), 99);

    g_assert_cmpstr (story_article_get_title (last), ==, "Tariffs 99");
    fifth_id = story_article_get_id (fifth);
  }
  g_clear_pointer (&themes, g_ptr_array_unref);

  /* Under Unread, with the fifth read: still 100 listed, without it. */
  g_assert_true (story_store_set_read (fixture->store, fifth_id, TRUE, &error));
  g_assert_no_error (error);
  story_store_list_themes_sized_async (fixture->store, STORY_ARTICLE_FILTER_UNREAD, page_sizes,
                                       NULL, themes_loaded_cb, &themes);
  while (themes == NULL)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < themes->len; i++)
    if (story_theme_get_id (g_ptr_array_index (themes, i)) == tariffs_id)
      {
        GListModel *listed = story_theme_get_articles (g_ptr_array_index (themes, i));
        g_autoptr(StoryArticle) fifth = g_list_model_get_item (listed, 4);
        g_autoptr(StoryArticle) last = g_list_model_get_item (listed, 99);

        g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 100);
        g_assert_cmpstr (story_article_get_title (fifth), ==, "Tariffs 5");
        g_assert_cmpstr (story_article_get_title (last), ==, "Tariffs 100");
      }
  g_clear_pointer (&themes, g_ptr_array_unref);
}

static StoryTheme *
only_theme (StoryStore         *store,
            StoryArticleFilter  filter,
            GPtrArray         **themes)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (themes, g_ptr_array_unref);
  *themes = story_store_list_themes_filtered (store, filter, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*themes)->len, ==, 1);
  return g_ptr_array_index (*themes, 0);
}

static void
exec_elsewhere (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The themes' counts are taken once for every filter and kept until something is
 * written: by the store itself or by another connection (a sync, the CLI). */
static void
test_theme_counts_follow_writes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = batch (make_article ("1", "One", "Tariffs", 1000),
                                         make_article ("2", "Two", "Tariffs", 2000),
                                         make_article ("3", "Three", "Tariffs", 3000), NULL);
  g_autoptr(GPtrArray) themes = NULL;
  g_autofree char *sql = NULL;
  StoryTheme *theme;
  gint64 newest_id;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_no_error (error);

  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_ALL, &themes);
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 3);
  g_assert_cmpint (story_theme_get_latest (theme), ==, 3000);
  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_UNREAD, &themes);
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 3);

  /* Read through the store: Unread counts two, and its latest is the next one. */
  {
    g_autoptr(GPtrArray) listed = story_store_list_themes_filtered (fixture->store,
                                                                    STORY_ARTICLE_FILTER_ALL,
                                                                    TRUE, &error);
    g_autoptr(StoryArticle) newest = NULL;

    g_assert_no_error (error);
    newest = g_list_model_get_item (story_theme_get_articles (g_ptr_array_index (listed, 0)), 0);
    newest_id = story_article_get_id (newest);
  }
  g_assert_true (story_store_set_read (fixture->store, newest_id, TRUE, &error));
  g_assert_no_error (error);
  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_UNREAD, &themes);
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 2);
  g_assert_cmpint (story_theme_get_latest (theme), ==, 2000);
  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_ALL, &themes);
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 3);
  g_assert_cmpint (story_theme_get_unread_count (theme), ==, 2);
  g_assert_cmpint (story_theme_get_latest (theme), ==, 3000);

  /* Read and starred by another program: seen too. */
  sql = g_strdup_printf ("UPDATE articles SET read = 1 WHERE id <> %" G_GINT64_FORMAT " AND "
                         "published = 2000; UPDATE articles SET starred = 1 WHERE published = 1000",
                         newest_id);
  exec_elsewhere (fixture->path, sql);
  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_UNREAD, &themes);
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 1);
  g_assert_cmpint (story_theme_get_latest (theme), ==, 1000);
  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_STARRED, &themes);
  g_assert_cmpint (story_theme_get_article_count (theme), ==, 1);
  g_assert_cmpint (story_theme_get_unread_count (theme), ==, 1);

  /* Nothing starred and unread any more: Starred still lists it, with none unread. */
  exec_elsewhere (fixture->path, "UPDATE articles SET read = 1");
  theme = only_theme (fixture->store, STORY_ARTICLE_FILTER_STARRED, &themes);
  g_assert_cmpint (story_theme_get_unread_count (theme), ==, 0);
  g_clear_pointer (&themes, g_ptr_array_unref);
  themes = story_store_list_themes_filtered (fixture->store, STORY_ARTICLE_FILTER_UNREAD, FALSE,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->len, ==, 0);
}

typedef struct
{
  StoryStore *store;
  gint64      source_id;
  GPtrArray  *articles;
  gint        done;
} SaveData;

/* Returns once another connection holds the cache's write lock. */
static void
wait_for_write_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (;;)
    {
      int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

      if (rc == SQLITE_BUSY)
        break;
      g_assert_cmpint (rc, ==, SQLITE_OK);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_usleep (1000);
    }
  sqlite3_close (db);
}

static gpointer
save_thread (gpointer user_data)
{
  SaveData *save = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (story_store_save_articles (save->store, save->source_id, save->articles, NULL,
                                            &error));
  g_assert_no_error (error);
  g_atomic_int_set (&save->done, TRUE);
  return NULL;
}

static void
read_marked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (story_store_set_read_finish (STORY_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

typedef struct
{
  StoryArticle *article;
  gboolean      done;
} ArticleLoad;

static void
article_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ArticleLoad *load = user_data;
  g_autoptr(GError) error = NULL;

  load->article = story_store_get_article_finish (STORY_STORE (object), result, NULL, &error);
  g_assert_no_error (error);
  load->done = TRUE;
}

/* The sidebar's reads run on a read-only connection of their own: a big save holding
 * the store (as a sync does) does not hold them up, and they still come after what the UI
 * asked the store to write before them. */
static void
test_reads_beside_writes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = batch (make_article ("1", "One", "Tariffs", 1000),
                                      make_article ("2", "Two", "Tariffs", 2000), NULL);
  g_autoptr(GThread) thread = NULL;
  SaveData save = { fixture->store, fixture->source_id, NULL, FALSE };
  GPtrArray *themes = NULL;
  gboolean marked = FALSE;
  StoryTheme *theme;
  gint64 id;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, first, NULL,
                                            &error));
  g_assert_no_error (error);

  /* Marked read, then listed: the list already counts it read. */
  themes = story_store_list_themes_filtered (fixture->store, STORY_ARTICLE_FILTER_ALL, TRUE,
                                             &error);
  g_assert_no_error (error);
  theme = g_ptr_array_index (themes, 0);
  {
    g_autoptr(StoryArticle) article = g_list_model_get_item (story_theme_get_articles (theme), 0);

    id = story_article_get_id (article);
  }
  g_clear_pointer (&themes, g_ptr_array_unref);
  story_store_set_read_async (fixture->store, id, TRUE, NULL, read_marked_cb, &marked);
  story_store_list_themes_async (fixture->store, STORY_ARTICLE_FILTER_UNREAD, NULL,
                                 themes_loaded_cb, &themes);
  while (themes == NULL || !marked)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (themes->len, ==, 1);
  g_assert_cmpint (story_theme_get_article_count (g_ptr_array_index (themes, 0)), ==, 1);
  g_clear_pointer (&themes, g_ptr_array_unref);

  /* A save of 30,000 articles holds the store's connection for a second or more. */
  save.articles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 30000; i++)
    {
      g_autofree char *remote_id = g_strdup_printf ("big%u", i);

      g_ptr_array_add (save.articles, make_article (remote_id, "Tide tables", "Harbour", 5000 + i));
    }
  thread = g_thread_new ("save", save_thread, &save);
  wait_for_write_lock (fixture->path);

  story_store_list_themes_async (fixture->store, STORY_ARTICLE_FILTER_ALL, NULL,
                                 themes_loaded_cb, &themes);
  while (themes == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Listed while the save was still going on, from before it. */
  g_assert_false (g_atomic_int_get (&save.done));
  g_assert_cmpuint (themes->len, ==, 1);
  g_clear_pointer (&themes, g_ptr_array_unref);

  /* While the save holds the store, an article asked for right after asking to mark it
   * unread loads at once, as last committed (still read): it does not wait for the mark,
   * which waits for the save. */
  {
    ArticleLoad load = { NULL, FALSE };

    marked = FALSE;
    story_store_set_read_async (fixture->store, id, FALSE, NULL, read_marked_cb, &marked);
    story_store_get_article_async (fixture->store, id, NULL, article_loaded_cb, &load);
    while (!load.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (g_atomic_int_get (&save.done));
    g_assert_true (story_article_get_read (load.article));
    g_clear_object (&load.article);
    while (!marked)
      g_main_context_iteration (NULL, TRUE);
  }

  g_thread_join (g_steal_pointer (&thread));
  g_ptr_array_unref (save.articles);

  story_store_list_themes_async (fixture->store, STORY_ARTICLE_FILTER_ALL, NULL,
                                 themes_loaded_cb, &themes);
  while (themes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (themes->len, ==, 2);
  g_clear_pointer (&themes, g_ptr_array_unref);
}

static StoryArticle *
make_text_article (const char *remote_id,
                   const char *title,
                   const char *text,
                   gint64      published)
{
  StoryArticle *article = make_article (remote_id, title, NULL, published);
  g_autofree char *html = g_markup_printf_escaped ("<p>%s</p>", text);

  /* As the sanitizer hands them over: the text is the HTML's. */
  story_article_set_content_html (article, html);
  story_article_set_content_text (article, text);
  return article;
}

static GPtrArray *
search (StoryStore *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = story_store_search (store, text, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static const char *
title_at (GPtrArray *articles,
          guint      index)
{
  return story_article_get_title (g_ptr_array_index (articles, index));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) articles =
    batch (make_text_article ("1", "Harbour pilots strike", "The quay is closed.", now - 3600),
           make_text_article ("2", "Weather", "Pilots of small boats stay in harbour.", now - 7200),
           make_text_article ("3", "Ceasefire negotiations resume", "Talks in Marren.", now),
           make_text_article ("4", "Café owners protest", "A new levy on terraces.", now),
           make_text_article ("5", "Old harbour pilots strike", "Years ago.", now - 400 * 86400),
           NULL);
  const char *hostile[] = { "\"", "\"ceasefire", "ceasefire AND (", "NEAR(", "*", "-pilots",
                            "title:strike", "^harbour", "{}", "'; DROP TABLE articles; --", "",
                            "   ", NULL };

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));

  /* A title match ranks above a body match, and a year-old story sinks below both. */
  {
    g_autoptr(GPtrArray) results = search (fixture->store, "harbour pilots");

    g_assert_cmpuint (results->len, ==, 3);
    g_assert_cmpstr (title_at (results, 0), ==, "Harbour pilots strike");
    g_assert_cmpstr (title_at (results, 1), ==, "Weather");
    g_assert_cmpstr (title_at (results, 2), ==, "Old harbour pilots strike");
  }

  /* Case, diacritics and prefixes. */
  {
    g_autoptr(GPtrArray) cafe = search (fixture->store, "CAFE");
    g_autoptr(GPtrArray) prefix = search (fixture->store, "negot");

    g_assert_cmpuint (cafe->len, ==, 1);
    g_assert_cmpstr (title_at (cafe, 0), ==, "Café owners protest");
    g_assert_cmpuint (prefix->len, ==, 1);
    g_assert_cmpstr (title_at (prefix, 0), ==, "Ceasefire negotiations resume");
  }

  /* FTS syntax typed by a user is just text: never an error. */
  for (guint i = 0; hostile[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) results = search (fixture->store, hostile[i]);
      g_test_message ("%s → %u", hostile[i], results->len);
    }
  g_assert_cmpuint (count_articles (fixture->store), ==, 5);

  /* An edited article is found by its new words, not its old ones. */
  {
    g_autoptr(GPtrArray) edited = batch (make_text_article ("4", "Terrace levy dropped",
                                                            "The council backs down.", now),
                                         NULL);
    g_autoptr(GPtrArray) old_words = NULL;
    g_autoptr(GPtrArray) new_words = NULL;

    g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, edited, NULL,
                                              &error));
    old_words = search (fixture->store, "café");
    new_words = search (fixture->store, "levy council");
    g_assert_cmpuint (old_words->len, ==, 0);
    g_assert_cmpuint (new_words->len, ==, 1);
  }

  /* Removing the source removes its articles from the index. */
  g_assert_true (story_store_remove_source (fixture->store, fixture->source_id, &error));
  {
    g_autoptr(GPtrArray) results = search (fixture->store, "harbour");
    g_assert_cmpuint (results->len, ==, 0);
  }
}

/* The schema as Storyline 0.1 development builds wrote it (user_version 1). */
static const char schema_v1[] =
  "CREATE TABLE sources (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, url TEXT NOT NULL UNIQUE,"
  " title TEXT, home_page_url TEXT, icon_url TEXT, etag TEXT, last_modified TEXT, body_hash TEXT,"
  " last_sync INTEGER, last_error TEXT, created INTEGER NOT NULL);"
  "CREATE TABLE themes (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, label TEXT NOT NULL);"
  "CREATE TABLE articles (id INTEGER PRIMARY KEY,"
  " source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE, remote_id TEXT NOT NULL,"
  " hash TEXT NOT NULL, title TEXT, url TEXT, external_url TEXT, authors TEXT, published INTEGER,"
  " updated INTEGER, sort_time INTEGER NOT NULL, first_seen INTEGER NOT NULL, summary TEXT,"
  " content_html TEXT, content_text TEXT, image TEXT, tags TEXT,"
  " theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL, read INTEGER NOT NULL DEFAULT 0,"
  " starred INTEGER NOT NULL DEFAULT 0, UNIQUE (source_id, remote_id));"
  "CREATE INDEX articles_by_time ON articles (sort_time DESC);"
  "CREATE INDEX articles_by_theme ON articles (theme_id, sort_time DESC);"
  "INSERT INTO sources (id, kind, url, title, created) VALUES (1, 'json-feed', 'https://old.test/f', 'Old', 0);"
  "INSERT INTO themes (id, key, label) VALUES (1, 'harbour', 'Harbour');"
  "INSERT INTO articles (source_id, remote_id, hash, title, sort_time, first_seen, content_text,"
  " theme_id, starred) VALUES (1, 'a', 'h', 'Pilots strike at the harbour', 1000, 1000,"
  " 'The quay is closed.', 1, 1);"
  "INSERT INTO articles (source_id, remote_id, hash, title, sort_time, first_seen, content_html,"
  " content_text) VALUES (1, 'b', 'h', 'Birds', 900, 900, '<p>Gulls over the <em>pier</em></p>',"
  " 'Gulls over the pier');"
  "PRAGMA user_version = 1;";

static void
test_migrate_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = story_store_new (path, &error);
  g_assert_no_error (error);

  /* Everything is still there, and the new search index covers old articles. */
  g_assert_cmpuint (count_articles (store), ==, 2);
  found = search (store, "quay");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (story_article_get_starred (g_ptr_array_index (found, 0)));
  g_assert_cmpstr (story_article_get_theme_label (g_ptr_array_index (found, 0)), ==, "Harbour");

  /* Bodies come back as they were after migration 7 compressed them, and
   * their words are still found. */
  {
    g_autoptr(GPtrArray) gulls = search (store, "pier gulls");
    g_autoptr(StoryArticle) birds = NULL;

    g_assert_cmpuint (gulls->len, ==, 1);
    birds = story_store_get_article (store, story_article_get_id (g_ptr_array_index (gulls, 0)),
                                     &error);
    g_assert_no_error (error);
    g_assert_cmpstr (story_article_get_content_html (birds), ==,
                     "<p>Gulls over the <em>pier</em></p>");
    g_assert_cmpstr (story_article_get_content_text (birds), ==, "Gulls over the pier");
  }

  /* Later columns arrive with their defaults: remote content stays off. */
  {
    g_autoptr(StorySource) source = story_store_get_source (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (story_source_get_title (source), ==, "Old");
    g_assert_false (story_source_get_load_remote (source));
  }

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_damaged_cache_moved_aside (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-damaged-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "storyline.db", NULL);
  g_autofree char *moved_to = NULL;
  g_autofree char *garbage = NULL;
  g_autoptr(StoryStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  /* Not a database at all. */
  garbage = g_strnfill (8192, 'x');
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  store = story_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Recovering keeps the old file under a new name and opens a fresh cache. */
  store = story_store_open_or_recover (path, &moved_to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (moved_to);
  g_assert_true (g_str_has_prefix (moved_to, path));
  g_assert_true (g_file_test (moved_to, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_articles (store), ==, 0);
  sources = story_store_list_sources (store, &error);
  g_assert_cmpuint (sources->len, ==, 0);

  /* A healthy cache opens as it is. */
  g_clear_object (&store);
  g_clear_pointer (&moved_to, g_free);
  store = story_store_open_or_recover (path, &moved_to, &error);
  g_assert_no_error (error);
  g_assert_null (moved_to);

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_damaged_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-damaged-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "storyline.db", NULL);
  g_autofree char *moved_to = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(StoryStore) store = NULL;
  gsize length;

  store = story_store_new (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Scribble over the file header, as a bad disk or a stray write would. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memset (contents, 0x5a, 100);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = story_store_open_or_recover (path, &moved_to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved_to);
  g_assert_cmpuint (count_articles (store), ==, 0);

  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
  g_autoptr(GPtrArray) left = NULL;
  guint n_deleted = 0;

  /* 6 fresh articles, 6 from last year (one of them starred). */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *title = g_strdup_printf ("%s %u", i < 6 ? "Fresh" : "Old", i);

      g_ptr_array_add (articles, make_article (id, title, "Tariffs",
                                               i < 6 ? now - i * 3600 : now - 365 * 86400 - i));
    }
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  g_assert_true (story_store_set_starred (fixture->store,
                                          story_article_get_id (g_ptr_array_index (articles, 11)),
                                          TRUE, &error));

  /* Keep 90 days, but never fewer than 8 per source, and every starred one. */
  g_assert_true (story_store_apply_retention (fixture->store, 90, 8, &n_deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_deleted, ==, 3);

  left = story_store_list_articles (fixture->store, &query, &error);
  g_assert_cmpuint (left->len, ==, 9);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (left, 8)), ==, "Old 11");
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (left, 7)), ==, "Old 7");
}

/* The sidebar loads a theme a page at a time: pages follow the last
 * article it has, so marking articles read under the Unread filter neither
 * skips nor repeats one. */
static void
test_theme_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  gint64 theme_id;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      /* Two share a time: the id breaks the tie. */
      g_ptr_array_add (articles, make_article (id, id, "Harbour", 1000 - (i == 3 ? 2 : i)));
    }
  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  themes = story_store_list_themes (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  theme_id = story_theme_get_id (g_ptr_array_index (themes, 0));

  first = story_store_list_theme_page (fixture->store, theme_id, STORY_ARTICLE_FILTER_UNREAD,
                                       NULL, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (first, 0)), ==, "0");
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (first, 2)), ==, "3");

  /* Read meanwhile: an offset would now skip one. */
  g_assert_true (story_store_set_read (fixture->store,
                                       story_article_get_id (g_ptr_array_index (first, 0)),
                                       TRUE, &error));
  second = story_store_list_theme_page (fixture->store, theme_id, STORY_ARTICLE_FILTER_UNREAD,
                                        g_ptr_array_index (first, 2), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 3);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (second, 0)), ==, "2");
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (second, 1)), ==, "4");
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (second, 2)), ==, "5");

  rest = story_store_list_theme_page (fixture->store, theme_id, STORY_ARTICLE_FILTER_UNREAD,
                                      g_ptr_array_index (second, 2), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpstr (story_article_get_title (g_ptr_array_index (rest, 0)), ==, "6");
}

/* Mark All as Read marks what the filter lists, loaded or not, and says
 * which, so Undo can give exactly those back. */
static void
test_mark_all_read (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = batch (make_article ("1", "One", "Harbour", 1000),
                                         make_article ("2", "Two", "Harbour", 900),
                                         make_article ("3", "Three", NULL, 800),
                                         NULL);
  g_autoptr(GArray) starred = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 two;

  g_assert_true (story_store_save_articles (fixture->store, fixture->source_id, articles, NULL,
                                            &error));
  two = story_article_get_id (g_ptr_array_index (articles, 1));
  g_assert_true (story_store_set_starred (fixture->store, two, TRUE, &error));

  g_assert_true (story_store_mark_all_read (fixture->store, STORY_ARTICLE_FILTER_STARRED,
                                            starred, &error));
  g_assert_cmpuint (starred->len, ==, 1);
  g_assert_cmpint (g_array_index (starred, gint64, 0), ==, two);

  g_assert_true (story_store_mark_all_read (fixture->store, STORY_ARTICLE_FILTER_ALL, all,
                                            &error));
  g_assert_cmpuint (all->len, ==, 2);

  g_assert_true (story_store_set_read_many (fixture->store, all, FALSE, &error));
  {
    StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
    g_autoptr(GPtrArray) unread = NULL;

    query.unread_only = TRUE;
    unread = story_store_list_articles (fixture->store, &query, &error);
    g_assert_cmpuint (unread->len, ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/upsert/same-article-one-row", test_upsert_twice);
  ADD ("/store/upsert/legacy-hash", test_upsert_legacy_hash);
  ADD ("/store/newest-article-id", test_newest_article_id);
  ADD ("/store/upsert/update-keeps-read-and-starred", test_update_keeps_state);
  ADD ("/store/reopen/keeps-everything", test_reopen_keeps_everything);
  ADD ("/store/themes/from-tags", test_themes_from_tags);
  ADD ("/store/themes/across-sources", test_themes_across_sources);
  ADD ("/store/themes/clusterer-released", test_themes_clusterer_released);
  ADD ("/store/themes/merge", test_merge_themes);
  ADD ("/store/themes/follow-and-mute", test_follow_and_mute);
  ADD ("/store/transaction/failed-batch-rolls-back", test_failed_batch_rolls_back);
  ADD ("/store/transaction/big-batch-rolls-back", test_big_batch_rolls_back);
  ADD ("/store/transaction/log-copied-in-background", test_log_copied_in_background);
  ADD ("/store/themes/new-themes-keep-index-whole", test_new_themes_keep_index_whole);
  ADD ("/store/sources/remove-cascades", test_remove_source);
  ADD ("/store/schema/newer-refused", test_newer_schema_refused);
  ADD ("/store/sources/load-remote", test_source_load_remote);
  ADD ("/store/async/worker-thread", test_async_on_worker);
  ADD ("/store/async/sized-pages", test_async_sized_pages);
  ADD ("/store/async/reads-beside-writes", test_reads_beside_writes);
  ADD ("/store/themes/counts-follow-writes", test_theme_counts_follow_writes);
  ADD ("/store/search/fts", test_search);
  g_test_add_func ("/store/hash64", test_hash64);
  g_test_add_func ("/store/utf8-validate", test_utf8_validate);
  g_test_add_func ("/store/schema/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/damaged/not-a-database", test_damaged_cache_moved_aside);
  g_test_add_func ("/store/damaged/header", test_damaged_header);
  ADD ("/store/retention/keeps-starred-and-newest", test_retention);
  ADD ("/store/themes/pages-follow-the-last-article", test_theme_pages);
  ADD ("/store/read/mark-all-and-undo", test_mark_all_read);

  return g_test_run ();
}
