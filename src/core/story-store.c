/* story-store.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The SQLite cache, the source of truth for everything the UI shows.
 *
 * One connection, guarded by a mutex. The synchronous API is for worker
 * threads (the sync engine, the CLI, tests); the _async API queues the same
 * work on the store's own worker thread, so the UI never waits on disk.
 * Every statement binds its parameters: no SQL is ever built from feed text. */

#define G_LOG_DOMAIN "story-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <malloc.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <zstd.h>

#include "story-clusterer.h"
#include "story-provider.h"
#include "story-sanitizer.h"
#include "story-secrets.h"
#include "story-store.h"
#include "story-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define LIST_SEPARATOR "\x1f"

/* Copies a big write-ahead log into the database file on a thread and a
 * connection of its own, after the commit that made it big, instead of in that
 * commit as SQLite does by default: a sync of 10,000 articles spent 60-90 ms of
 * its last, single-threaded stretch on that copy (and its fsync), after the
 * articles were already safe. It holds no reference on the store, so the store
 * can wait for it. */
typedef struct
{
  GThreadPool *pool;
  char        *path;
  sqlite3     *db;      /* the pool thread's own, opened on first use */
  gint         queued;  /* atomic: a checkpoint waits in the pool */
} Checkpointer;

#define STATEMENT_JOURNAL_MEMORY (4 * 1024 * 1024)

/* SQLite's own default for its automatic checkpoints. */
#define CHECKPOINT_PAGES 1000

struct _StoryStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GMutex       lock;
  GHashTable  *statements;   /* SQL text (static) → sqlite3_stmt */
  GThreadPool *pool;         /* one thread: the store's worker */
  StoryClusterer *clusterer; /* every article's story; loaded on first need, under lock */
  gint         release_clusterer; /* atomic: let go of it after each sync */
  guint        n_assigned;   /* articles assigned one by one since the stories were built */
  ZSTD_CCtx   *compressor;   /* under the lock, as every statement is */
  ZSTD_DCtx   *decompressor;
  gboolean     applying_remote; /* under the lock: state from a service is not a change to send */

  /* The sidebar's reads (its lists, search, the sources) run on a second, read-only
   * connection with a thread of its own (WAL lets it read while this one writes), so a
   * sync's writes never hold up the sidebar. Each read still waits for the jobs queued on
   * this store before it, so the UI reads what it has just written. */
  GMutex       reader_lock;  /* guards reader, n_queued and n_done */
  GCond        job_done;
  StoryStore  *reader;       /* (nullable): made on the first read */
  gboolean     is_reader;    /* this is such a reader, whose own thread opens it */
  gboolean     reader_failed; /* (on a reader) it could not be opened */

  Checkpointer *checkpointer; /* (nullable): only the writing connection has one */

  GArray      *theme_counts; /* (element-type ThemeCounts) (nullable): under the lock */
  gint64       theme_counts_version; /* data_version and total changes when counted */
  gint64       theme_counts_changes;
  guint64      n_queued;     /* jobs queued on the pool, and done */
  guint64      n_done;
  int          busy_timeout_ms;
};

G_DEFINE_FINAL_TYPE (StoryStore, story_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (story-store-error-quark, story_store_error)

/* A theme's articles counted under each filter. */
typedef struct
{
  gint64  id;             /* STORY_THEME_ID_NONE for the articles without a theme */
  char   *label;
  gboolean followed;
  gint64  muted_until;    /* 0: not muted */
  int     n;
  int     n_unread;
  gint64  latest;
  gint64  latest_unread;  /* 0 when none is unread */
  int     n_starred;
  int     n_starred_unread;
  gint64  latest_starred;
} ThemeCounts;

typedef void (*StoryStoreWorker) (StoryStore *self,
                                  GTask      *task,
                                  gpointer    task_data);

typedef struct
{
  GTask            *task;
  StoryStoreWorker  worker;
  StoryStore       *reader;     /* (nullable): the read-only store to run on */
  guint64           after;      /* a read waits until this many writer jobs are done */
} StoryStoreJob;

/* Schema migrations, in order: migration N brings user_version from N-1 to N. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  url TEXT NOT NULL UNIQUE,"
  "  title TEXT,"
  "  home_page_url TEXT,"
  "  icon_url TEXT,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  body_hash TEXT,"
  "  last_sync INTEGER,"
  "  last_error TEXT,"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE TABLE themes ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  label TEXT NOT NULL"
  ");"
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  hash TEXT NOT NULL,"
  "  title TEXT,"
  "  url TEXT,"
  "  external_url TEXT,"
  "  authors TEXT,"
  "  published INTEGER,"
  "  updated INTEGER,"
  "  sort_time INTEGER NOT NULL,"
  "  first_seen INTEGER NOT NULL,"
  "  summary TEXT,"
  "  content_html TEXT,"
  "  content_text TEXT,"
  "  image TEXT,"
  "  tags TEXT,"
  "  theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (source_id, remote_id)"
  ");"
  "CREATE INDEX articles_by_time ON articles (sort_time DESC);"
  "CREATE INDEX articles_by_theme ON articles (theme_id, sort_time DESC);",

  /* 2: full-text search over title, summary and body text. The index keeps
   * no copy of the text (external content), and triggers keep it current. */
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, summary, content_text,"
  "  content = 'articles', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
  ");"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, summary, content_text)"
  "    VALUES (new.id, new.title, new.summary, new.content_text);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, content_text)"
  "    VALUES ('delete', old.id, old.title, old.summary, old.content_text);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, content_text ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, content_text)"
  "    VALUES ('delete', old.id, old.title, old.summary, old.content_text);"
  "  INSERT INTO articles_fts (rowid, title, summary, content_text)"
  "    VALUES (new.id, new.title, new.summary, new.content_text);"
  "END;"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');",

  /* 3: the offline image cache's book-keeping. state: 0 wanted, 1 cached,
   * 2 failed for good, 3 evicted. */
  "CREATE TABLE images ("
  "  url TEXT PRIMARY KEY,"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  size INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  fetched INTEGER"
  ") WITHOUT ROWID;"
  "CREATE INDEX images_by_state ON images (state, fetched);"
  "CREATE TABLE article_images ("
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  url TEXT NOT NULL,"
  "  PRIMARY KEY (article_id, url)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_images_by_url ON article_images (url);",

  /* 4: per-source backoff after failures, and per-source sync interval (minutes) */
  "ALTER TABLE sources ADD COLUMN next_attempt INTEGER;"
  "ALTER TABLE sources ADD COLUMN n_failures INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE sources ADD COLUMN sync_interval INTEGER;",

  /* 5: whether the reading pane may load a source's images and embeds from the network */
  "ALTER TABLE sources ADD COLUMN load_remote INTEGER NOT NULL DEFAULT 0;",

  /* 6: stories. An article's story_id is the clusterer's story for it, also
   * while it is the story's only article; a story with two articles or more
   * is shown as the theme whose story_id it is. Tag themes keep story_id NULL.
   * A theme the reader renamed keeps that name; story_fixed keeps an article
   * the reader moved out of its theme alone (1), or one in themes the reader
   * merged in that story (2). */
  "ALTER TABLE articles ADD COLUMN story_id INTEGER;"
  "ALTER TABLE themes ADD COLUMN story_id INTEGER;"
  "ALTER TABLE articles ADD COLUMN story_fixed INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE themes ADD COLUMN renamed INTEGER NOT NULL DEFAULT 0;"
  "CREATE UNIQUE INDEX themes_by_story ON themes (story_id);",

  /* 7: themes the reader follows (new articles are announced) or muted until
   * a unix time (hidden, their counts left out); the theme row outlives
   * re-clustering, so both choices do too. (Parenthesized: one migration,
   * two statements, which clang would otherwise take for a missing comma.) */
  ("ALTER TABLE themes ADD COLUMN followed INTEGER NOT NULL DEFAULT 0;"
   "ALTER TABLE themes ADD COLUMN muted_until INTEGER;"),

  /* 8: new articles are indexed by the store itself, not by a trigger. A
   * statement that fires a trigger runs in a statement transaction, and
   * SQLite 3.40's FTS5 flushes its pending terms to a new segment at every
   * one: a sync of 10,000 articles wrote 10,000 tiny segments and merged
   * them over and over. */
  "DROP TRIGGER articles_fts_insert;",

  /* 9: less than half the space. Bodies are stored compressed (zstd,
   * story_deflate), and an article with HTML keeps no plain-text copy: the
   * search index reads its words from the HTML (story_index_text), and keeps
   * no copy of them either (contentless): deletes and edits hand it the old
   * words through the same function. The 2- and 3-letter prefix indexes
   * went: they doubled the index, and a prefix query is fast enough without
   * them. A covering index lets the sidebar count a theme's (unread)
   * articles without reading a single body. */
  "DROP TRIGGER articles_fts_delete;"
  "DROP TRIGGER articles_fts_update;"
  "DROP TABLE articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, summary, content_text,"
  "  content = '', tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "UPDATE articles SET content_html = story_deflate(content_html),"
  "  content_text = CASE WHEN content_html IS NULL THEN story_deflate(content_text) END;"
  "INSERT INTO articles_fts (rowid, title, summary, content_text)"
  "  SELECT id, title, summary, story_index_text(content_html, content_text) FROM articles;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, content_text)"
  "    VALUES ('delete', old.id, old.title, old.summary,"
  "            story_index_text(old.content_html, old.content_text));"
  "END;"
  "CREATE TRIGGER articles_fts_update"
  "  AFTER UPDATE OF title, summary, content_html, content_text ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, summary, content_text)"
  "    VALUES ('delete', old.id, old.title, old.summary,"
  "            story_index_text(old.content_html, old.content_text));"
  "  INSERT INTO articles_fts (rowid, title, summary, content_text)"
  "    VALUES (new.id, new.title, new.summary,"
  "            story_index_text(new.content_html, new.content_text));"
  "END;"
  "CREATE INDEX articles_by_theme_state ON articles (theme_id, sort_time DESC, read, starred);"
  "DROP INDEX articles_by_theme;",

  /* 10: search ranks every match by its age, and reading sort_time from the
   * articles' rows (bodies and all) cost 100 ms for a common word over
   * 100,000 articles; from this index it costs a tenth of that. */
  "CREATE INDEX articles_by_id_time ON articles (id, sort_time);",

  /* 11: listing the sources counts each one's unread articles; without this
   * index that read every article's row (35 ms with 100,000 in the page
   * cache, far more from disk), and the sidebar's headlines wait behind it
   * on the store's thread at start. */
  "CREATE INDEX articles_by_source_read ON articles (source_id, read);",

  /* 12: two-way sync. Read and starred changes made here to articles of a
   * service that keeps its own (story_two_way(kind)) are queued, in order,
   * until the next sync sends them; a trigger catches every way of making
   * them. State that comes from the service is applied with
   * story_local_change() false, so it is not sent back. sync_cursor is where
   * a source's last successful incremental sync stopped. */
  "ALTER TABLE sources ADD COLUMN sync_cursor TEXT;"
  "CREATE TABLE pending_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  field INTEGER NOT NULL,"
  "  value INTEGER NOT NULL"
  ");"
  "CREATE INDEX pending_changes_by_source ON pending_changes (source_id, remote_id, field);"
  "CREATE TRIGGER articles_read_changed AFTER UPDATE OF read ON articles"
  "  WHEN old.read IS NOT new.read AND story_local_change()"
  "   AND story_two_way((SELECT kind FROM sources WHERE id = new.source_id)) BEGIN"
  "  INSERT INTO pending_changes (source_id, remote_id, field, value)"
  "    VALUES (new.source_id, new.remote_id, 0, new.read);"
  "END;"
  "CREATE TRIGGER articles_starred_changed AFTER UPDATE OF starred ON articles"
  "  WHEN old.starred IS NOT new.starred AND story_local_change()"
  "   AND story_two_way((SELECT kind FROM sources WHERE id = new.source_id)) BEGIN"
  "  INSERT INTO pending_changes (source_id, remote_id, field, value)"
  "    VALUES (new.source_id, new.remote_id, 1, new.starred);"
  "END;",

  /* 13: the triggers that queue changes for two-way accounts call functions only
   * Storyline's own connections have, so in the file they made every other program's
   * update of a read or starred mark fail ("no such function"). They are temporary
   * triggers of each Storyline connection now (queue_triggers_sql); another program's
   * marks are not the reader's changes to send. */
  "DROP TRIGGER IF EXISTS articles_read_changed;"
  "DROP TRIGGER IF EXISTS articles_starred_changed;",

  /* 14: the search index keeps in which columns an article has a word, not where
   * in them (detail=column): search matches whole words and prefixes, never
   * phrases, and ranks a title match above a body match, which needs only the
   * columns. Writing the index of a sync of 10,000 articles took 370 ms of the
   * writer's time; without positions it is about half of that, and half the
   * size. Its in-memory buffer grows to 8 MiB before a segment is written
   * (1 MiB by default), so a big sync writes fewer segments to merge. The
   * triggers of migration 9 name the index, not its columns, and stay. */
  "DROP TABLE articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, summary, content_text,"
  "  content = '', detail = column, tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);"
  "INSERT INTO articles_fts (rowid, title, summary, content_text)"
  "  SELECT id, title, summary, story_index_text(content_html, content_text) FROM articles;",
};

/* A read or starred mark changed on a source of a service that keeps its own
 * (story_two_way(kind)) is queued, in order, until the next sync sends it; these
 * triggers catch every way of making one. State that comes from the service is
 * applied with story_local_change() false, so it is not sent back. Made by each
 * connection of Storyline's that writes (see migration 13). */
static const char queue_triggers_sql[] =
  "CREATE TEMP TRIGGER IF NOT EXISTS articles_read_changed"
  "  AFTER UPDATE OF read ON main.articles"
  "  WHEN old.read IS NOT new.read AND story_local_change()"
  "   AND story_two_way((SELECT kind FROM sources WHERE id = new.source_id)) BEGIN"
  "  INSERT INTO pending_changes (source_id, remote_id, field, value)"
  "    VALUES (new.source_id, new.remote_id, 0, new.read);"
  "END;"
  "CREATE TEMP TRIGGER IF NOT EXISTS articles_starred_changed"
  "  AFTER UPDATE OF starred ON main.articles"
  "  WHEN old.starred IS NOT new.starred AND story_local_change()"
  "   AND story_two_way((SELECT kind FROM sources WHERE id = new.source_id)) BEGIN"
  "  INSERT INTO pending_changes (source_id, remote_id, field, value)"
  "    VALUES (new.source_id, new.remote_id, 1, new.starred);"
  "END;";

enum {
  IMAGE_WANTED = 0,
  IMAGE_CACHED = 1,
  IMAGE_FAILED = 2,
  IMAGE_EVICTED = 3,
};

/* How long a write waits for another program's lock before it fails. */
#define DEFAULT_BUSY_TIMEOUT_MS 5000

/* An image that failed this many times is not tried again. */
#define IMAGE_MAX_ATTEMPTS 3

static int
error_code_for (sqlite3 *db)
{
  switch (sqlite3_errcode (db) & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return STORY_STORE_ERROR_CORRUPT;

    case SQLITE_FULL:
      return STORY_STORE_ERROR_FULL;

    default:
      return STORY_STORE_ERROR_FAILED;
    }
}

/* After a failed step a statement may still hold the read transaction it
 * began, and a connection with one open never waits for another program's
 * lock again: every later write fails at once, for good. The operation
 * that failed is abandoned, so every statement is reset. */
static void
reset_statements (sqlite3 *db)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    {
      if (sqlite3_stmt_busy (stmt))
        sqlite3_reset (stmt);
    }
}

/* A full disk and a lock held by another program are the two failures a
 * user can do something about: they get a sentence of their own. */
static gboolean
set_common_error (GError  **error,
                  sqlite3  *db)
{
  switch (sqlite3_errcode (db) & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, STORY_STORE_ERROR, STORY_STORE_ERROR_FULL,
                           _("The disk is full: there is no room left for the article cache"));
      return TRUE;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, STORY_STORE_ERROR, STORY_STORE_ERROR_BUSY,
                           _("The article cache is locked by another program (the database "
                             "lock is held); try again once it is done"));
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  if (!set_common_error (error, db))
    g_set_error (error, STORY_STORE_ERROR, error_code_for (db),
                 _("The article cache could not be used (%s: %s)"), what, sqlite3_errmsg (db));
  reset_statements (db);
  return FALSE;
}

/* @format has one %s, for the id: 64-bit formats cannot go through gettext. */
static gboolean
set_not_found (GError     **error,
               const char  *format,
               gint64       id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_NOT_FOUND, format, id_text);
#pragma GCC diagnostic pop

  return FALSE;
}

static gboolean
exec_sql (StoryStore  *self,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      if (!set_common_error (error, self->db))
        g_set_error (error, STORY_STORE_ERROR, error_code_for (self->db),
                     _("The article cache could not be used (%s)"), message);
      reset_statements (self->db);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* Statements are prepared once and kept; the key is the SQL literal's address. */
static sqlite3_stmt *
get_statement (StoryStore  *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, "prepare");
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer)sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        unix_time)
{
  if (unix_time == STORY_TIME_UNKNOWN)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, unix_time);
}

static char *
join_list (const char * const *list)
{
  if (list == NULL || list[0] == NULL)
    return NULL;

  return g_strjoinv (LIST_SEPARATOR, (char **)list);
}

static char **
split_list (const unsigned char *text)
{
  if (text == NULL || text[0] == '\0')
    return NULL;

  return g_strsplit ((const char *)text, LIST_SEPARATOR, -1);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static gint64
column_time (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return STORY_TIME_UNKNOWN;

  return sqlite3_column_int64 (stmt, column);
}

/* A compressor per thread, so that bodies can be compressed without the
 * store's lock, while another article is written. */
static void
free_compressor (gpointer compressor)
{
  ZSTD_freeCCtx (compressor);
}

static GPrivate thread_compressor = G_PRIVATE_INIT (free_compressor);

/* A body as it is stored: a zstd frame, or %NULL (with *@length 0) when it
 * could not be compressed. Free with sqlite3_free(). */
static void *
compress_body (const char *text,
               size_t     *length)
{
  ZSTD_CCtx *compressor = g_private_get (&thread_compressor);
  size_t text_length = strlen (text);
  size_t bound = ZSTD_compressBound (text_length);
  size_t written;
  void *frame;

  if (compressor == NULL)
    {
      compressor = ZSTD_createCCtx ();
      g_private_set (&thread_compressor, compressor);
    }

  *length = 0;
  frame = sqlite3_malloc64 (bound);
  if (frame == NULL || compressor == NULL)
    {
      sqlite3_free (frame);
      return NULL;
    }
  written = ZSTD_compressCCtx (compressor, frame, bound, text, text_length, 1);
  if (ZSTD_isError (written))
    {
      sqlite3_free (frame);
      return NULL;
    }

  *length = written;
  return frame;
}

/* Bodies are stored as zstd frames (BLOBs); rows written before migration 7
 * were TEXT and are read as they are. A body that could not be compressed is
 * stored as text. @frame (from compress_body()) is taken. */
static void
bind_body (sqlite3_stmt *stmt,
           int           index,
           const char   *text,
           void         *frame,
           size_t        length)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else if (frame == NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_blob64 (stmt, index, frame, length, sqlite3_free);
}

/* Returns: (transfer full) (nullable): the text of a body column */
static char *
inflate_value (ZSTD_DCtx     *decompressor,
               sqlite3_value *value)
{
  const void *frame;
  size_t length;
  unsigned long long size;
  char *text;

  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      return NULL;

    case SQLITE_BLOB:
      break;

    default:
      return g_strdup ((const char *)sqlite3_value_text (value));
    }

  frame = sqlite3_value_blob (value);
  length = sqlite3_value_bytes (value);
  size = ZSTD_getFrameContentSize (frame, length);
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > G_MAXINT32)
    return NULL;

  text = g_malloc (size + 1);
  if (ZSTD_isError (ZSTD_decompressDCtx (decompressor, text, size, frame, length)))
    {
      g_free (text);
      return NULL;
    }
  text[size] = '\0';

  return text;
}

static char *
column_inflated (StoryStore   *self,
                 sqlite3_stmt *stmt,
                 int           column)
{
  return inflate_value (self->decompressor, sqlite3_column_value (stmt, column));
}

/* story_inflate(body): the text of a stored body, for the search index's triggers. */
static void
sql_inflate (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  StoryStore *self = sqlite3_user_data (context);
  char *text = inflate_value (self->decompressor, argv[0]);

  if (text != NULL)
    sqlite3_result_text (context, text, -1, g_free);
  else
    sqlite3_result_null (context);
}

/* story_deflate(body): a body compressed as new rows store it, for migration 7. */
static void
sql_deflate (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  StoryStore *self = sqlite3_user_data (context);
  const char *text;
  size_t length, bound, written;
  void *frame;

  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }

  text = (const char *)sqlite3_value_text (argv[0]);
  length = sqlite3_value_bytes (argv[0]);
  bound = ZSTD_compressBound (length);
  frame = sqlite3_malloc64 (bound);
  if (frame == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  written = ZSTD_compressCCtx (self->compressor, frame, bound, text, length, 1);
  if (ZSTD_isError (written))
    {
      sqlite3_free (frame);
      sqlite3_result_value (context, argv[0]);
      return;
    }

  sqlite3_result_blob64 (context, frame, written, sqlite3_free);
}

/* 0: text, 1: whitespace, 2: ends a run of text ('<', '&', NUL) */
static const guint8 index_char_class[256] = {
  ['\0'] = 2, ['<'] = 2, ['&'] = 2,
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
};

/* The words the search index holds for a body: the text of its (sanitized)
 * HTML, tags and character references undone, whitespace collapsed; or the
 * plain text of an article that has no HTML. It must give the same words
 * for the same row every time, since the contentless index is told which
 * words to forget when the row changes; the sanitizer's own text is not
 * stored, so this reads the stored HTML, quickly and without a parser. */
static void
append_index_text (GString    *out,
                   const char *html)
{
  gboolean space = FALSE;

  for (const char *p = html; *p != '\0';)
    {
      if (*p == '<')
        {
          char quote = 0;

          for (p++; *p != '\0' && (quote != 0 || *p != '>'); p++)
            {
              if (quote != 0 && *p == quote)
                quote = 0;
              else if (quote == 0 && (*p == '"' || *p == '\''))
                quote = *p;
            }
          if (*p == '>')
            p++;
          space = TRUE;
          continue;
        }

      if (index_char_class[(guchar)*p] == 1)
        {
          space = TRUE;
          p++;
          continue;
        }

      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;

      /* Plain text up to the next tag, reference or run of spaces, at once:
       * words with one space between them are copied as they are. */
      if (*p != '&')
        {
          const char *end = p + 1;

          for (;;)
            {
              guint8 class = index_char_class[(guchar)*end];

              if (class == 0)
                end++;
              else if (*end == ' ' && index_char_class[(guchar)end[1]] == 0)
                end += 2;
              else
                break;
            }
          g_string_append_len (out, p, end - p);
          p = end;
          continue;
        }

      {
        const char *end = strchr (p, ';');
        gunichar c = 0;

        if (end != NULL && end - p <= 10)
          {
            if (p[1] == '#')
              c = (p[2] == 'x' || p[2] == 'X') ? g_ascii_strtoull (p + 3, NULL, 16)
                                               : g_ascii_strtoull (p + 2, NULL, 10);
            else if (strncmp (p, "&amp;", 5) == 0)
              c = '&';
            else if (strncmp (p, "&lt;", 4) == 0)
              c = '<';
            else if (strncmp (p, "&gt;", 4) == 0)
              c = '>';
            else if (strncmp (p, "&quot;", 6) == 0)
              c = '"';
            else if (strncmp (p, "&apos;", 6) == 0)
              c = '\'';
            else if (strncmp (p, "&nbsp;", 6) == 0)
              c = ' ';
          }
        if (c != 0 && g_unichar_validate (c))
          {
            g_string_append_unichar (out, c);
            p = end + 1;
            continue;
          }
      }

      g_string_append_c (out, *p);
      p++;
    }
}

static char *
index_text (const char *html,
            const char *text)
{
  GString *out;

  if (html == NULL)
    return g_strdup (text);

  out = g_string_sized_new (strlen (html));
  append_index_text (out, html);
  return g_string_free (out, FALSE);
}

/* story_two_way(kind): whether sources of that kind take read/starred changes back */
static void
sql_two_way (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const char *kind = (const char *)sqlite3_value_text (argv[0]);
  const StoryProvider *provider = kind != NULL ? story_provider_for_kind (kind) : NULL;

  sqlite3_result_int (context, provider != NULL && provider->two_way);
}

/* story_local_change(): whether a change of state is the reader's, to send */
static void
sql_local_change (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  StoryStore *self = sqlite3_user_data (context);

  sqlite3_result_int (context, !self->applying_remote);
}

/* story_index_text(content_html, content_text), for the search index's triggers */
static void
sql_index_text (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  StoryStore *self = sqlite3_user_data (context);
  g_autofree char *html = inflate_value (self->decompressor, argv[0]);
  g_autofree char *text = html == NULL ? inflate_value (self->decompressor, argv[1]) : NULL;
  char *words = index_text (html, text);

  if (words != NULL)
    sqlite3_result_text (context, words, -1, g_free);
  else
    sqlite3_result_null (context);
}

static gboolean
migrate (StoryStore  *self,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (error, self->db, "user_version");

  version = sqlite3_column_int (stmt, 0);
  /* A statement still running would keep a migration from dropping a table. */
  sqlite3_reset (stmt);

  if (version > (int)G_N_ELEMENTS (migrations))
    {
      g_set_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_TOO_NEW,
                   _("The article cache was written by a newer version of Storyline"));
      return FALSE;
    }

  for (int i = version; i < (int)G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec_sql (self, migrations[i], error) || !exec_sql (self, set_version, error))
        {
          exec_sql (self, "ROLLBACK", NULL);
          return FALSE;
        }

      if (!exec_sql (self, "COMMIT", error))
        return FALSE;

      g_debug ("Migrated the cache to schema version %d", i + 1);
    }

  return TRUE;
}

static void
checkpoint_wal (gpointer data,
                gpointer user_data)
{
  Checkpointer *checkpointer = user_data;
  int rc;

  /* A commit from now on may ask for the next one. */
  g_atomic_int_set (&checkpointer->queued, FALSE);

  /* A connection finds that the file is in WAL mode only once it reads it. */
  if (checkpointer->db == NULL
      && (sqlite3_open_v2 (checkpointer->path, &checkpointer->db, SQLITE_OPEN_READWRITE,
                           NULL) != SQLITE_OK
          || sqlite3_exec (checkpointer->db, "PRAGMA schema_version", NULL, NULL, NULL)
               != SQLITE_OK))
    {
      g_message ("Could not open the cache to copy its log: %s",
                 sqlite3_errmsg (checkpointer->db));
      g_clear_pointer (&checkpointer->db, sqlite3_close);
      return;
    }

  /* PASSIVE: as much as readers and the writer allow, waiting for neither. */
  rc = sqlite3_wal_checkpoint_v2 (checkpointer->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_message ("Could not copy the cache's log: %s", sqlite3_errmsg (checkpointer->db));
}

static void
checkpointer_free (Checkpointer *checkpointer)
{
  g_thread_pool_free (checkpointer->pool, FALSE, TRUE);
  g_clear_pointer (&checkpointer->db, sqlite3_close);
  g_free (checkpointer->path);
  g_free (checkpointer);
}

/* Called by SQLite after each commit of the writing connection, under the store's lock. */
static int
wal_written (void       *data,
             sqlite3    *db,
             const char *name,
             int         n_pages)
{
  Checkpointer *checkpointer = data;

  if (n_pages >= CHECKPOINT_PAGES
      && g_atomic_int_compare_and_exchange (&checkpointer->queued, FALSE, TRUE))
    g_thread_pool_push (checkpointer->pool, checkpointer, NULL);

  return SQLITE_OK;
}

static void
story_store_finalize (GObject *object)
{
  StoryStore *self = (StoryStore *)object;

  /* Queued jobs hold a reference on the store, so none is left; this may run
   * on the worker thread itself when it drops the last reference, so don't wait. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, FALSE);

  g_clear_object (&self->reader);
  g_clear_pointer (&self->checkpointer, checkpointer_free);
  g_clear_pointer (&self->theme_counts, g_array_unref);
  g_clear_object (&self->clusterer);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  ZSTD_freeCCtx (self->compressor);
  ZSTD_freeDCtx (self->decompressor);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->reader_lock);
  g_cond_clear (&self->job_done);

  G_OBJECT_CLASS (story_store_parent_class)->finalize (object);
}

static void
story_store_class_init (StoryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = story_store_finalize;

  /* A statement that needs a statement journal (an UPDATE of an article's
   * theme, a foreign key, needs one) keeps the pages it changes there. SQLite
   * keeps it in memory up to 64 KiB, then in a temporary file for the rest of
   * the transaction: four of the cache's 16 KiB pages were enough, and the
   * stories of a sync of 10,000 articles then wrote 400 MB to that file
   * (0.1 s). Only possible before SQLite is first used in the process; the
   * store is its first and only user here. */
  if (sqlite3_config (SQLITE_CONFIG_STMTJRNL_SPILL, STATEMENT_JOURNAL_MEMORY) != SQLITE_OK)
    g_debug ("SQLite was in use already: statement journals spill at 64 KiB");
}

static gboolean open_reader (StoryStore *reader);

static void
run_job (gpointer data,
         gpointer user_data)
{
  StoryStoreJob *job = data;
  StoryStore *self = g_task_get_source_object (job->task);

  if (job->reader != NULL)
    {
      /* A read: after the writes the UI asked for before it. */
      g_mutex_lock (&self->reader_lock);
      while (self->n_done < job->after)
        g_cond_wait (&self->job_done, &self->reader_lock);
      g_mutex_unlock (&self->reader_lock);
    }

  /* A reader that cannot open reads on the store's own connection instead. */
  if (!g_task_return_error_if_cancelled (job->task))
    job->worker (job->reader != NULL && open_reader (job->reader) ? job->reader : self,
                 job->task, g_task_get_task_data (job->task));

  if (job->reader == NULL)
    {
      g_mutex_lock (&self->reader_lock);
      self->n_done++;
      g_cond_broadcast (&self->job_done);
      g_mutex_unlock (&self->reader_lock);
    }

  g_object_unref (job->task);
  g_free (job);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
story_store_init (StoryStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->reader_lock);
  g_cond_init (&self->job_done);
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, NULL);
  self->compressor = ZSTD_createCCtx ();
  self->decompressor = ZSTD_createDCtx ();
}

/**
 * story_store_dup_default_path:
 *
 * Returns: (transfer full): where the app keeps its cache; the CLI uses the
 *   same file unless told otherwise
 */
char *
story_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "storyline", "storyline.db", NULL);
}

/**
 * story_store_new:
 * @path: the database file; its folder is created when missing
 *
 * Opens (or creates) the cache and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
StoryStore *
story_store_new (const char  *path,
                 GError     **error)
{
  g_autoptr(StoryStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for the article cache: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (STORY_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, "open");
      return NULL;
    }

  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);

  /* The search index's triggers and migration 7 read and write compressed bodies. */
  if (sqlite3_create_function (self->db, "story_inflate", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               self, sql_inflate, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "story_deflate", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               self, sql_deflate, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "story_index_text", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               self, sql_index_text, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "story_two_way", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               self, sql_two_way, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "story_local_change", 0, SQLITE_UTF8,
                               self, sql_local_change, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, "functions");
      return NULL;
    }

  /* Reading the schema finds a file that is not a database, or a damaged one.
   * A new cache gets 16 KiB pages: an article's row (a few KB) then shares
   * its page with others instead of leaving most of one empty; an existing
   * cache keeps its page size. */
  if (!exec_sql (self,
                 "PRAGMA page_size = 16384;"
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "SELECT count(*) FROM sqlite_master;",
                 error))
    return NULL;

  if (!migrate (self, error) || !exec_sql (self, queue_triggers_sql, error))
    return NULL;

  /* In place of SQLite's automatic checkpoints. */
  self->checkpointer = g_new0 (Checkpointer, 1);
  self->checkpointer->path = g_strdup (path);
  self->checkpointer->pool = g_thread_pool_new (checkpoint_wal, self->checkpointer, 1, FALSE,
                                                NULL);
  sqlite3_wal_hook (self->db, wal_written, self->checkpointer);

  return g_steal_pointer (&self);
}

/* Best effort: the subscriptions of a damaged cache, so a fresh one can sync them again. */
static GPtrArray *
salvage_sources (const char *path)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT kind, url, title FROM sources", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char **row = g_new0 (char *, 4);

          row[0] = g_strdup (column_text (stmt, 0));
          row[1] = g_strdup (column_text (stmt, 1));
          row[2] = g_strdup (column_text (stmt, 2));
          if (row[0] != NULL && row[1] != NULL)
            g_ptr_array_add (sources, row);
          else
            g_strfreev (row);
        }
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  return g_steal_pointer (&sources);
}

static void
move_aside (const char *path,
            const char *aside,
            const char *suffix)
{
  g_autofree char *from = g_strconcat (path, suffix, NULL);
  g_autofree char *to = g_strconcat (aside, suffix, NULL);

  if (g_rename (from, to) != 0 && errno != ENOENT)
    g_warning ("Could not move %s aside: %s", from, g_strerror (errno));
}

/**
 * story_store_open_or_recover:
 * @moved_to: (out) (optional) (transfer full): where a damaged cache was
 *   moved, or %NULL when the cache opened as it was
 *
 * Opens the cache; a damaged or unreadable one is moved aside with a
 * timestamp (never deleted) and a fresh cache takes its place, subscribed to
 * the same sources when they could still be read, so a sync brings the
 * articles back. Never fails on a damaged file, only when a fresh one
 * cannot be made either.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
StoryStore *
story_store_open_or_recover (const char  *path,
                             char       **moved_to,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *aside = NULL;
  StoryStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  if (moved_to != NULL)
    *moved_to = NULL;

  store = story_store_new (path, &local_error);
  if (store != NULL)
    return store;

  if (!g_error_matches (local_error, STORY_STORE_ERROR, STORY_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  g_message ("The article cache is damaged (%s); moving it to %s", local_error->message, aside);
  move_aside (path, aside, "");
  move_aside (path, aside, "-wal");
  move_aside (path, aside, "-shm");

  store = story_store_new (path, error);
  if (store == NULL)
    return NULL;

  sources = salvage_sources (aside);
  for (guint i = 0; i < sources->len; i++)
    {
      char **row = g_ptr_array_index (sources, i);
      StorySource *source = story_store_add_source (store, row[0], row[1], row[2], NULL);

      g_clear_object (&source);
    }

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);

  return store;
}

const char *
story_store_get_path (StoryStore *self)
{
  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  return self->path;
}

/**
 * story_store_set_keep_clusterer:
 * @keep: whether to keep the stories' clusterer between syncs (the default)
 *
 * The clusterer holds every article's words while it is loaded: about 1 KiB an
 * article, 96 MiB for 100,000. Loading it again takes seconds at that size, so a
 * program that syncs often keeps it; the app, which syncs a few times an hour,
 * lets go of it once each sync is over (story_store_release_memory()), and
 * loads it again at the next sync that brings new articles; asking why an
 * article is in its theme then reads a small part of the cache instead
 * (story_store_dup_shared_terms()).
 */
void
story_store_set_keep_clusterer (StoryStore *self,
                                gboolean    keep)
{
  g_return_if_fail (STORY_IS_STORE (self));

  g_atomic_int_set (&self->release_clusterer, !keep);
}

/**
 * story_store_release_memory:
 *
 * Unless the store keeps its clusterer (story_store_set_keep_clusterer()), lets go of
 * it, of the write connection's page cache, and gives the freed heap back to the
 * system; the next use loads them again from the cache. Called once a sync is over.
 * Waits for a batch being saved. Frees ~100 MiB at 100,000 articles: not for the main
 * thread.
 */
void
story_store_release_memory (StoryStore *self)
{
  g_autoptr(StoryClusterer) clusterer = NULL;

  g_return_if_fail (STORY_IS_STORE (self));

  if (!g_atomic_int_get (&self->release_clusterer))
    return;

  g_mutex_lock (&self->lock);
  clusterer = g_steal_pointer (&self->clusterer);
  if (self->db != NULL)
    sqlite3_db_release_memory (self->db);
  g_mutex_unlock (&self->lock);

  /* The clusterer's words, and whatever the sync freed, were allocated on the sync's
   * threads, each with a malloc arena of its own whose freed pages glibc keeps (after
   * big frees it raises its trim threshold up to 64 MiB): handed back, they leave the
   * process's resident size. */
  g_clear_object (&clusterer);
  malloc_trim (0);
}

/**
 * story_store_has_clusterer:
 *
 * Returns: whether the stories' clusterer is loaded
 */
gboolean
story_store_has_clusterer (StoryStore *self)
{
  gboolean loaded;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  g_mutex_lock (&self->lock);
  loaded = self->clusterer != NULL;
  g_mutex_unlock (&self->lock);

  return loaded;
}

/**
 * story_store_set_busy_timeout:
 * @milliseconds: how long a statement waits for a lock another connection
 *   holds before it fails (5 seconds by default)
 *
 * Tests shorten it to see a locked cache fail quickly.
 */
void
story_store_set_busy_timeout (StoryStore *self,
                              guint       milliseconds)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (STORY_IS_STORE (self));

  locker = g_mutex_locker_new (&self->lock);
  self->busy_timeout_ms = (int)MIN (milliseconds, (guint)G_MAXINT);
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  g_clear_pointer (&locker, g_mutex_locker_free);

  g_mutex_lock (&self->reader_lock);
  if (self->reader != NULL)
    story_store_set_busy_timeout (self->reader, milliseconds);
  g_mutex_unlock (&self->reader_lock);
}

/**
 * story_store_set_max_size:
 * @max_bytes: the most the database may grow to, rounded down to whole
 *   pages; 0 lifts the cap
 *
 * Once the cap is reached, writes fail as they would on a full disk
 * (%STORY_STORE_ERROR_FULL): tests use it to fill the disk during a sync.
 */
gboolean
story_store_set_max_size (StoryStore  *self,
                          gint64       max_bytes,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 page_size;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (max_bytes >= 0, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA page_size", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (error, self->db, "page_size");
  page_size = MAX (sqlite3_column_int64 (stmt, 0), 512);

  /* SQLite's own ceiling stands for "no cap". */
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         max_bytes > 0 ? MAX (max_bytes / page_size, 1) : (gint64)G_MAXUINT32 - 1);

  return exec_sql (self, sql, error);
}

/* Sources */

#define SOURCE_COLUMNS "id, kind, url, title, home_page_url, icon_url, last_sync, last_error, " \
  "(SELECT count(*) FROM articles a WHERE a.source_id = sources.id AND a.read = 0), " \
  "load_remote"

static StorySource *
source_from_row (sqlite3_stmt *stmt)
{
  StorySource *source = story_source_new ();

  story_source_set_id (source, sqlite3_column_int64 (stmt, 0));
  story_source_set_kind (source, column_text (stmt, 1));
  story_source_set_url (source, column_text (stmt, 2));
  story_source_set_title (source, column_text (stmt, 3));
  story_source_set_home_page_url (source, column_text (stmt, 4));
  story_source_set_icon_url (source, column_text (stmt, 5));
  story_source_set_last_sync (source, column_time (stmt, 6));
  story_source_set_last_error (source, column_text (stmt, 7));
  story_source_set_unread_count (source, sqlite3_column_int (stmt, 8));
  story_source_set_load_remote (source, sqlite3_column_int (stmt, 9) != 0);

  return source;
}

static StorySource *
get_source_locked (StoryStore  *self,
                   gint64       source_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_statement (self, "SELECT " SOURCE_COLUMNS " FROM sources WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      StorySource *source = source_from_row (stmt);

      /* A statement left on its row keeps a read transaction open, and
       * SQLite does not wait out another program's lock for a connection
       * that holds one: the next write would fail at once. */
      sqlite3_reset (stmt);
      return source;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "source");
      return NULL;
    }

  set_not_found (error, _("There is no source with id %s"), source_id);
  return NULL;
}

static StorySource *
add_source_row (StoryStore  *self,
                const char  *kind,
                const char  *url,
                const char  *title,
                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "INSERT INTO sources (kind, url, title, created) VALUES (?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, url);
  bind_text (stmt, 3, title);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_autofree char *shown = story_url_redact (url);

      g_set_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_EXISTS,
                   _("You are already subscribed to %s"), shown);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "add source");
      return NULL;
    }

  return get_source_locked (self, sqlite3_last_insert_rowid (self->db), error);
}

static gboolean remove_source_row (StoryStore  *self,
                                   gint64       source_id,
                                   GError     **error);

/* What the keyring shows for a source's secret. */
static char *
secret_label (const char *url,
              const char *title)
{
  g_autoptr(GUri) uri = NULL;

  if (!story_str_empty (title))
    return g_strdup_printf ("Storyline: %s", title);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  return g_strdup_printf ("Storyline: %s", uri != NULL && g_uri_get_host (uri) != NULL
                                             ? g_uri_get_host (uri) : url);
}

/**
 * story_store_add_source:
 * @url: the feed's address; a user name and password in it
 *   ("https://user:password@host/feed") go to the desktop keyring, and the
 *   source keeps the address without them
 *
 * Blocks on the keyring: not for the main thread (see
 * story_store_add_source_async()).
 *
 * Returns: (transfer full): the new source with its id, or %NULL with @error
 *   set (%STORY_STORE_ERROR_EXISTS when the URL is already subscribed, a
 *   #STORY_SECRETS_ERROR when the keyring cannot keep its password)
 */
StorySource *
story_store_add_source (StoryStore  *self,
                        const char  *kind,
                        const char  *url,
                        const char  *title,
                        GError     **error)
{
  g_autoptr(StorySecret) credentials = NULL;
  g_autoptr(GError) clear_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *label = NULL;
  g_autoptr(StorySource) source = NULL;
  gint64 source_id;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  address = story_url_split_credentials (url, &credentials);
  source = add_source_row (self, kind, address, title, error);
  if (source == NULL)
    return NULL;
  source_id = story_source_get_id (source);

  /* SQLite gives a removed source's id to the next one: whatever a source of
   * that id left in the keyring (when it could not be cleared) is not this
   * one's. */
  if (!story_secrets_clear_sync (source_id, NULL, NULL, &clear_error))
    g_debug ("Secrets of an earlier source %" G_GINT64_FORMAT " not cleared: %s", source_id,
             clear_error->message);

  if (credentials == NULL)
    return g_steal_pointer (&source);

  label = secret_label (address, title);
  if (!story_secrets_store_sync (source_id, STORY_SECRET_URL_LOGIN, label, credentials, NULL,
                                 &local_error))
    {
      /* Without its password the source is of no use, and the password
       * goes nowhere else: no source. */
      remove_source_row (self, source_id, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", address);
      return NULL;
    }

  return g_steal_pointer (&source);
}

/**
 * story_store_list_sources:
 *
 * Returns: (transfer full) (element-type StorySource): every source, by title
 */
GPtrArray *
story_store_list_sources (StoryStore  *self,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT " SOURCE_COLUMNS " FROM sources "
                        "ORDER BY coalesce(title, url) COLLATE NOCASE, id",
                        error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "sources");
      return NULL;
    }

  return g_steal_pointer (&sources);
}

/**
 * story_store_get_source:
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
StorySource *
story_store_get_source (StoryStore  *self,
                        gint64       source_id,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return get_source_locked (self, source_id, error);
}

static gboolean
remove_source_row (StoryStore  *self,
                   gint64       source_id,
                   GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "DELETE FROM sources WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "remove source");

  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, _("There is no source with id %s"), source_id);
      return FALSE;
    }

  /* Its articles are gone from the stories too: rebuild them on next need. */
  g_clear_object (&self->clusterer);

  return TRUE;
}

/**
 * story_store_remove_source:
 *
 * Removes a source, every article it brought (through the foreign key) and
 * its secrets in the keyring. Blocks on the keyring: not for the main thread.
 */
gboolean
story_store_remove_source (StoryStore  *self,
                           gint64       source_id,
                           GError     **error)
{
  g_autoptr(GError) clear_error = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  if (!remove_source_row (self, source_id, error))
    return FALSE;

  /* The source is gone whatever the keyring says; what is left there goes
   * when a new source gets the id (story_store_add_source()). */
  if (!story_secrets_clear_sync (source_id, NULL, NULL, &clear_error))
    g_message ("Source %" G_GINT64_FORMAT " removed, but not its secrets: %s", source_id,
               clear_error->message);

  return TRUE;
}

/* Saves what a sync learnt about a source: its title, links, and how it went. */
gboolean
story_store_update_source (StoryStore   *self,
                           StorySource  *source,
                           GError      **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (STORY_IS_SOURCE (source), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "UPDATE sources SET title = ?, home_page_url = ?, icon_url = ?, "
                        "last_sync = ?, last_error = ? WHERE id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, story_source_get_title (source));
  bind_text (stmt, 2, story_source_get_home_page_url (source));
  bind_text (stmt, 3, story_source_get_icon_url (source));
  bind_time (stmt, 4, story_source_get_last_sync (source));
  bind_text (stmt, 5, story_source_get_last_error (source));
  sqlite3_bind_int64 (stmt, 6, story_source_get_id (source));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "update source");

  return TRUE;
}

void
story_source_sync_state_clear (StorySourceSyncState *state)
{
  g_clear_pointer (&state->etag, g_free);
  g_clear_pointer (&state->last_modified, g_free);
  g_clear_pointer (&state->body_hash, g_free);
  g_clear_pointer (&state->cursor, g_free);
  state->next_attempt = 0;
  state->n_failures = 0;
  state->sync_interval = 0;
}

/**
 * story_store_get_sync_state:
 * @state: (out caller-allocates): filled in; free its contents with
 *   story_source_sync_state_clear()
 *
 * Reads what the sync engine remembers about a source between syncs.
 */
gboolean
story_store_get_sync_state (StoryStore            *self,
                            gint64                 source_id,
                            StorySourceSyncState  *state,
                            GError               **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  memset (state, 0, sizeof *state);
  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT etag, last_modified, body_hash, next_attempt, n_failures, "
                        "sync_interval, sync_cursor FROM sources WHERE id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      return set_not_found (error, _("There is no source with id %s"), source_id);
    }
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, "sync state");

  state->etag = g_strdup (column_text (stmt, 0));
  state->last_modified = g_strdup (column_text (stmt, 1));
  state->body_hash = g_strdup (column_text (stmt, 2));
  state->next_attempt = sqlite3_column_int64 (stmt, 3);
  state->n_failures = sqlite3_column_int (stmt, 4);
  state->sync_interval = sqlite3_column_int (stmt, 5);
  state->cursor = g_strdup (column_text (stmt, 6));
  sqlite3_reset (stmt);

  return TRUE;
}

/* Saves what the sync engine remembers about a source between syncs. */
gboolean
story_store_set_sync_state (StoryStore                  *self,
                            gint64                       source_id,
                            const StorySourceSyncState  *state,
                            GError                     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "UPDATE sources SET etag = ?, last_modified = ?, body_hash = ?, "
                        "next_attempt = ?, n_failures = ?, sync_cursor = ? WHERE id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, state->etag);
  bind_text (stmt, 2, state->last_modified);
  bind_text (stmt, 3, state->body_hash);
  if (state->next_attempt > 0)
    sqlite3_bind_int64 (stmt, 4, state->next_attempt);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, state->n_failures);
  bind_text (stmt, 6, state->cursor);
  sqlite3_bind_int64 (stmt, 7, source_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "set sync state");

  return TRUE;
}

/* How often a scheduled sync fetches this source, in minutes; 0 restores the
 * application's interval. */
gboolean
story_store_set_sync_interval (StoryStore  *self,
                               gint64       source_id,
                               int          minutes,
                               GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (minutes >= 0, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "UPDATE sources SET sync_interval = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  if (minutes > 0)
    sqlite3_bind_int (stmt, 1, minutes);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, source_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "set sync interval");

  if (sqlite3_changes (self->db) == 0)
    {
      return set_not_found (error, _("There is no source with id %s"), source_id);
    }

  return TRUE;
}

/* The per-source "Load remote content" setting of the reading pane. */
gboolean
story_store_set_source_load_remote (StoryStore  *self,
                                    gint64       source_id,
                                    gboolean     load_remote,
                                    GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "UPDATE sources SET load_remote = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, load_remote ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, source_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "set load_remote");

  if (sqlite3_changes (self->db) == 0)
    return set_not_found (error, _("There is no source with id %s"), source_id);

  return TRUE;
}

/* A feed that moved for good (301, 308) is followed to its new address. */
gboolean
story_store_set_source_url (StoryStore  *self,
                            gint64       source_id,
                            const char  *url,
                            GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *address = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  /* Credentials a server put in the new address are not kept. */
  address = story_url_redact (url);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "UPDATE sources SET url = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, address);
  sqlite3_bind_int64 (stmt, 2, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_autofree char *shown = story_url_redact (url);

      g_set_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_EXISTS,
                   _("You are already subscribed to %s"), shown);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "set source url");

  return TRUE;
}

/* Before the keyring, a source's credentials went out with the address and
 * came back in every address resolved against it: article links, images.
 * Those lose them, bodies included, and the source is fetched afresh at its
 * next sync. */
static gboolean
scrub_credentials_locked (StoryStore  *self,
                          gint64       source_id,
                          const char  *credentials,
                          GError     **error)
{
  static const char * const statements[] = {
    "UPDATE articles SET url = replace(url, ?1, '//'), "
    "external_url = replace(external_url, ?1, '//') "
    "WHERE source_id = ?2 AND (instr(url, ?1) > 0 OR instr(external_url, ?1) > 0)",
    "UPDATE OR IGNORE article_images SET url = replace(url, ?1, '//') WHERE instr(url, ?1) > 0",
    "DELETE FROM article_images WHERE instr(url, ?1) > 0",
    "UPDATE OR IGNORE images SET url = replace(url, ?1, '//') WHERE instr(url, ?1) > 0",
    "DELETE FROM images WHERE instr(url, ?1) > 0",
    /* Links in bodies, and image addresses, escaped, in the reading pane's
     * storyline://image/ addresses (story_image_uri_for_url()). */
    "UPDATE articles SET content_html = story_deflate(replace(replace("
    "story_inflate(content_html), ?1, '//'), ?3, '%2F%2F')) "
    "WHERE source_id = ?2 AND content_html IS NOT NULL AND "
    "(instr(story_inflate(content_html), ?1) > 0 OR instr(story_inflate(content_html), ?3) > 0)",
    "UPDATE sources SET etag = NULL, last_modified = NULL, body_hash = NULL WHERE id = ?2",
  };
  g_autoptr(StorySecret) pattern = g_strdup_printf ("//%s@", credentials);
  g_autoptr(StorySecret) escaped = g_uri_escape_string (pattern, NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (self->db, statements[i], -1, &stmt, NULL) != SQLITE_OK)
        return set_sqlite_error (error, self->db, "scrub credentials");
      if (sqlite3_bind_parameter_count (stmt) >= 1)
        sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, source_id);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_text (stmt, 3, escaped, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return set_sqlite_error (error, self->db, "scrub credentials");
    }

  return TRUE;
}

/**
 * story_store_move_logins_to_keyring:
 * @n_moved: (out) (optional): how many sources' credentials were moved
 *
 * Earlier versions kept a feed address's user name and password
 * ("https://user:password@host/feed") in the database. This moves them to
 * the keyring, as story_store_add_source() keeps them now, and leaves the
 * address without them. A row is changed only once its credentials are in
 * the keyring: when the keyring cannot take them, they stay where they are,
 * and @error says so. Blocks on the keyring: not for the main thread.
 *
 * Returns: whether no credentials are left in the database
 */
gboolean
story_store_move_logins_to_keyring (StoryStore    *self,
                                    guint         *n_moved,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  guint moved = 0;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  if (n_moved != NULL)
    *n_moved = 0;

  sources = story_store_list_sources (self, error);
  if (sources == NULL)
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      StorySource *source = g_ptr_array_index (sources, i);
      gint64 source_id = story_source_get_id (source);
      const char *url = story_source_get_url (source);
      g_autoptr(StorySecret) credentials = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *address = story_url_split_credentials (url, &credentials);
      g_autofree char *label = NULL;
      g_autoptr(GMutexLocker) locker = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (credentials == NULL)
        continue;

      label = secret_label (address, story_source_get_title (source));
      if (!story_secrets_store_sync (source_id, STORY_SECRET_URL_LOGIN, label, credentials,
                                     cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (g_error_matches (local_error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_LOCKED))
            g_set_error_literal (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_LOCKED,
                                 _("The keyring is locked, so the passwords that an older "
                                   "version of Storyline kept in its cache stay there for now. "
                                   "They move to the keyring once it is unlocked."));
          else
            g_set_error_literal (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE,
                                 _("No keyring is available, so the passwords that an older "
                                   "version of Storyline kept in its cache stay there for now. "
                                   "They move to the keyring as soon as one is available."));
          if (n_moved != NULL)
            *n_moved = moved;
          return FALSE;
        }

      locker = g_mutex_locker_new (&self->lock);
      if (!scrub_credentials_locked (self, source_id, credentials, error))
        return FALSE;
      stmt = get_statement (self, "UPDATE sources SET url = ? WHERE id = ? AND url = ?", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, address);
      sqlite3_bind_int64 (stmt, 2, source_id);
      bind_text (stmt, 3, url);
      rc = sqlite3_step (stmt);
      g_clear_pointer (&locker, g_mutex_locker_free);

      if (rc == SQLITE_CONSTRAINT)
        {
          /* The same feed is subscribed again without the password: that
           * source gets it, and this copy goes. */
          gint64 other_id = 0;

          locker = g_mutex_locker_new (&self->lock);
          stmt = get_statement (self, "SELECT id FROM sources WHERE url = ?", error);
          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, address);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            other_id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          g_clear_pointer (&locker, g_mutex_locker_free);

          if (other_id == 0)
            return set_sqlite_error (error, self->db, "move login");
          if (!story_secrets_store_sync (other_id, STORY_SECRET_URL_LOGIN, label, credentials,
                                         cancellable, error) ||
              !story_store_remove_source (self, source_id, error))
            return FALSE;
        }
      else if (rc != SQLITE_DONE)
        return set_sqlite_error (error, self->db, "move login");

      moved++;
    }

  if (n_moved != NULL)
    *n_moved = moved;
  if (moved == 0)
    return TRUE;

  /* The old rows' bytes must not linger in free space of the file or in its
   * journal: the file is rebuilt and the journal emptied. Once, on the first
   * start after the upgrade. */
  g_debug ("Moved the credentials of %u sources to the keyring", moved);
  {
    g_autoptr(GMutexLocker) locker = NULL;

    locker = g_mutex_locker_new (&self->lock);
    if (!exec_sql (self, "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; "
                   "PRAGMA wal_checkpoint(TRUNCATE);", error))
      return FALSE;
  }

  return TRUE;
}

/* Articles */

/* What makes two versions of an article different enough to rewrite the row:
 * its fields, each NULL read as empty, in this order. */
#define ARTICLE_HASH_FIELDS(article, authors, tags) \
  {                                                 \
    story_article_get_title (article),              \
    story_article_get_url (article),                \
    story_article_get_external_url (article),       \
    story_article_get_summary (article),            \
    story_article_get_content_html (article),       \
    story_article_get_image (article),              \
    authors,                                        \
    tags,                                           \
  }

/* 16 hex digits of story_hash64(). */
static char *
article_hash (StoryArticle *article,
              const char   *authors,
              const char   *tags)
{
  const char *fields[] = ARTICLE_HASH_FIELDS (article, authors, tags);
  gint64 times[] = {
    story_article_get_published (article),
    story_article_get_updated (article),
  };
  guint64 hash = 0;

  /* Each piece's length is in its hash: fields run together stay apart. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    hash = story_hash64 (fields[i], fields[i] != NULL ? strlen (fields[i]) : 0, hash);
  hash = story_hash64 (times, sizeof times, hash);

  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
}

/* The 40 hex digits of SHA-1 that rows written before story_hash64() carry:
 * an unchanged article is still found unchanged, and is not rewritten (nor
 * counted as updated) only because the hash changed. */
static char *
legacy_article_hash (StoryArticle *article,
                     const char   *authors,
                     const char   *tags)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  const char *fields[] = ARTICLE_HASH_FIELDS (article, authors, tags);
  gint64 times[] = {
    story_article_get_published (article),
    story_article_get_updated (article),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      /* A NUL between fields keeps ("ab", "c") apart from ("a", "bc"). */
      if (fields[i] != NULL)
        g_checksum_update (checksum, (const guchar *)fields[i], -1);
      g_checksum_update (checksum, (const guchar *)"\0", 1);
    }
  g_checksum_update (checksum, (const guchar *)times, sizeof times);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Until an article shares a story with another, it is listed under the
 * first of the source's own tags, its section or category. Tags that differ
 * only in case or spacing are one theme: this is the theme's key, or %NULL. */
static char *
theme_key (const char * const *tags)
{
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;

  if (tags == NULL || tags[0] == NULL)
    return NULL;

  folded = g_utf8_casefold (tags[0], -1);
  normal = g_utf8_normalize (g_strstrip (folded), -1, G_NORMALIZE_ALL);
  if (normal == NULL || normal[0] == '\0')
    return NULL;

  return g_steal_pointer (&normal);
}

/* The theme of @key (from theme_key(), taken; %NULL for none), created
 * with @label when new. */
static gint64
theme_for_key (StoryStore    *self,
               char          *key,
               const char    *label,
               GHashTable    *theme_ids,
               GError       **error)
{
  g_autofree char *owned_key = key;
  sqlite3_stmt *stmt;
  gpointer cached;
  gint64 theme_id;

  if (owned_key == NULL)
    return STORY_THEME_ID_NONE;

  if (g_hash_table_lookup_extended (theme_ids, owned_key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  /* Looked up, then inserted when missing, rather than one upsert: a statement
   * that may write twice needs a statement journal, and opening one makes the
   * search index write out the words it holds in memory as a segment of its
   * own. A first sync's few dozen new tags made as many small segments, which
   * the index then merged, a tenth of that sync's work. The batch's write
   * transaction keeps any other writer from adding the key in between; alone,
   * another process may have, so a conflict looks again. */
  for (int attempt = 0; attempt < 2; attempt++)
    {
      int rc;

      stmt = get_statement (self, "SELECT id FROM themes WHERE key = ?", error);
      if (stmt == NULL)
        return -1;
      bind_text (stmt, 1, owned_key);
      rc = sqlite3_step (stmt);
      theme_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_sqlite_error (error, self->db, "theme");
          return -1;
        }
      if (theme_id >= 0)
        break;

      stmt = get_statement (self, "INSERT INTO themes (key, label) VALUES (?, ?)", error);
      if (stmt == NULL)
        return -1;
      bind_text (stmt, 1, owned_key);
      bind_text (stmt, 2, label);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          theme_id = sqlite3_last_insert_rowid (self->db);
          break;
        }
      if ((rc & 0xff) != SQLITE_CONSTRAINT || attempt > 0)
        {
          set_sqlite_error (error, self->db, "theme");
          return -1;
        }
    }

  g_hash_table_insert (theme_ids, g_steal_pointer (&owned_key), GSIZE_TO_POINTER (theme_id));

  return theme_id;
}

static gint64
theme_for_article (StoryStore    *self,
                   StoryArticle  *article,
                   GHashTable    *theme_ids,
                   GError       **error)
{
  const char * const *tags = story_article_get_tags (article);

  return theme_for_key (self, theme_key (tags), tags != NULL ? tags[0] : NULL, theme_ids, error);
}

/* Notes the images an article shows, for the offline image cache. */
static gboolean
save_image_urls_locked (StoryStore    *self,
                        StoryArticle  *article,
                        GError       **error)
{
  const char * const *urls = story_article_get_image_urls (article);

  for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;

      stmt = get_statement (self, "INSERT OR IGNORE INTO images (url) VALUES (?)", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, urls[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sqlite_error (error, self->db, "image");

      stmt = get_statement (self,
                            "INSERT OR IGNORE INTO article_images (article_id, url) VALUES (?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, story_article_get_id (article));
      bind_text (stmt, 2, urls[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return set_sqlite_error (error, self->db, "article image");
    }

  return TRUE;
}

/* Adds a new article to the full-text index (@words: its body's, taken);
 * see migration 6 for why this is not a trigger. A single-row INSERT without triggers needs no statement
 * transaction, so FTS5 keeps collecting terms in memory until the commit. */
static gboolean
index_article_locked (StoryStore    *self,
                      StoryArticle  *article,
                      char          *words,
                      GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "INSERT INTO articles_fts (rowid, title, summary, content_text) "
                        "VALUES (?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, story_article_get_id (article));
  bind_text (stmt, 2, story_article_get_title (article));
  bind_text (stmt, 3, story_article_get_summary (article));
  /* Taken: SQLite frees the words. */
  if (words != NULL)
    sqlite3_bind_text (stmt, 4, words, -1, g_free);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "index article");

  return TRUE;
}

/* What saving an article needs that no row does: its lists joined, its
 * hash, its body compressed and its words for the index. Made without the
 * store's lock, on any thread, while other articles are being written. */
struct _StoryStoreRow
{
  StoryArticle *article;
  char         *authors;
  char         *tags;
  char         *hash;
  void         *html_frame;   /* sqlite3_malloc()ed, or NULL */
  size_t        html_length;
  void         *text_frame;
  size_t        text_length;
  char         *words;
  char         *theme_key;
};

/**
 * story_store_row_new:
 * @article: a normalized, sanitized article; it must not change any more
 *
 * Prepares @article for story_store_batch_add_row(): the part of saving it
 * that needs neither the database nor the store, so it may run on any
 * thread, while a batch writes other articles.
 *
 * Returns: (transfer full): the prepared row
 */
StoryStoreRow *
story_store_row_new (StoryArticle *article)
{
  StoryStoreRow *row;
  const char *html, *text;

  g_return_val_if_fail (STORY_IS_ARTICLE (article), NULL);

  row = g_new0 (StoryStoreRow, 1);
  row->article = g_object_ref (article);
  row->authors = join_list (story_article_get_authors (article));
  row->tags = join_list (story_article_get_tags (article));
  row->hash = article_hash (article, row->authors, row->tags);

  html = story_article_get_content_html (article);
  text = story_article_get_content_text (article);
  /* The plain text of an article with HTML is the HTML's: see migration 7. */
  if (html != NULL)
    row->html_frame = compress_body (html, &row->html_length);
  else if (text != NULL)
    row->text_frame = compress_body (text, &row->text_length);
  row->words = index_text (html, text);
  row->theme_key = theme_key (story_article_get_tags (article));

  return row;
}

void
story_store_row_free (StoryStoreRow *row)
{
  if (row == NULL)
    return;

  g_object_unref (row->article);
  g_free (row->authors);
  g_free (row->tags);
  g_free (row->hash);
  sqlite3_free (row->html_frame);
  sqlite3_free (row->text_frame);
  g_free (row->words);
  g_free (row->theme_key);
  g_free (row);
}

static gboolean ensure_clusterer_locked (StoryStore  *self,
                                         GError     **error);

static gboolean
same_article_hash (StoryStoreRow *row,
                   const char    *stored)
{
  g_autofree char *legacy = NULL;

  if (stored == NULL)
    return FALSE;
  if (strlen (stored) != 40)
    return strcmp (stored, row->hash) == 0;

  legacy = legacy_article_hash (row->article, row->authors, row->tags);
  return strcmp (stored, legacy) == 0;
}

/* The row's frames and words are taken when they are written. */
static gboolean
save_article_locked (StoryStore          *self,
                     gint64               source_id,
                     StoryStoreRow       *row,
                     GHashTable          *theme_ids,
                     gint64               now,
                     StoryStoreSaveStats *stats,
                     GError             **error)
{
  StoryArticle *article = row->article;
  const char *hash = row->hash;
  sqlite3_stmt *stmt;
  gint64 existing_id = 0;
  gint64 theme_id;
  gint64 sort_time;
  int rc;

  stmt = get_statement (self,
                        "SELECT id, hash FROM articles WHERE source_id = ? AND remote_id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text (stmt, 2, story_article_get_remote_id (article));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      existing_id = sqlite3_column_int64 (stmt, 0);
      if (same_article_hash (row, column_text (stmt, 1)))
        {
          story_article_set_id (article, existing_id);
          sqlite3_reset (stmt);
          stats->n_unchanged++;
          return TRUE;
        }
    }
  else if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "find article");
  sqlite3_reset (stmt);

  theme_id = theme_for_key (self, g_steal_pointer (&row->theme_key),
                            story_article_get_tags (article) != NULL
                              ? story_article_get_tags (article)[0] : NULL,
                            theme_ids, error);
  if (theme_id < 0)
    return FALSE;

  /* The stories known so far, loaded before the first new row of the batch exists:
   * loaded after, the clusterer would read the new rows back, bodies inflated. A sync
   * that brings nothing new (most of them) never needs it. */
  if (existing_id == 0 && !ensure_clusterer_locked (self, error))
    return FALSE;

  sort_time = story_article_get_published (article);
  if (sort_time == STORY_TIME_UNKNOWN)
    sort_time = story_article_get_updated (article);
  if (sort_time == STORY_TIME_UNKNOWN)
    sort_time = now;

  if (existing_id == 0)
    stmt = get_statement (self,
                          "INSERT INTO articles (hash, title, url, external_url, authors, "
                          "published, updated, sort_time, summary, content_html, content_text, "
                          "image, tags, theme_id, source_id, remote_id, first_seen) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                          "?15, ?16, ?17)",
                          error);
  else
    /* An edited article is rewritten in place: it keeps its id, read and starred
     * state, and its story. */
    stmt = get_statement (self,
                          "UPDATE articles SET hash = ?1, title = ?2, url = ?3, "
                          "external_url = ?4, authors = ?5, published = ?6, updated = ?7, "
                          "sort_time = ?8, summary = ?9, content_html = ?10, "
                          "content_text = ?11, image = ?12, tags = ?13, "
                          "theme_id = CASE WHEN theme_id IN "
                          " (SELECT id FROM themes WHERE story_id IS NOT NULL) "
                          " THEN theme_id ELSE ?14 END "
                          "WHERE source_id = ?15 AND remote_id = ?16",
                          error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, hash);
  bind_text (stmt, 2, story_article_get_title (article));
  bind_text (stmt, 3, story_article_get_url (article));
  bind_text (stmt, 4, story_article_get_external_url (article));
  bind_text (stmt, 5, row->authors);
  bind_time (stmt, 6, story_article_get_published (article));
  bind_time (stmt, 7, story_article_get_updated (article));
  sqlite3_bind_int64 (stmt, 8, sort_time);
  bind_text (stmt, 9, story_article_get_summary (article));
  bind_body (stmt, 10, story_article_get_content_html (article),
             g_steal_pointer (&row->html_frame), row->html_length);
  bind_body (stmt, 11, story_article_get_content_html (article) == NULL
                         ? story_article_get_content_text (article) : NULL,
             g_steal_pointer (&row->text_frame), row->text_length);
  bind_text (stmt, 12, story_article_get_image (article));
  bind_text (stmt, 13, row->tags);
  if (theme_id == STORY_THEME_ID_NONE)
    sqlite3_bind_null (stmt, 14);
  else
    sqlite3_bind_int64 (stmt, 14, theme_id);
  sqlite3_bind_int64 (stmt, 15, source_id);
  bind_text (stmt, 16, story_article_get_remote_id (article));
  if (existing_id == 0)
    sqlite3_bind_int64 (stmt, 17, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "save article");

  if (existing_id == 0)
    {
      story_article_set_id (article, sqlite3_last_insert_rowid (self->db));
      stats->n_new++;

      if (!index_article_locked (self, article, g_steal_pointer (&row->words), error))
        return FALSE;
    }
  else
    {
      story_article_set_id (article, existing_id);
      stats->n_updated++;
    }

  return save_image_urls_locked (self, article, error);
}

/* Stories */

#define TEXT_PREFIX_CHARS 600
#define RECLUSTER_MIN_ARTICLES 1000
#define CLUSTER_THREAD_MIN_ARTICLES 256

/* articles.story_fixed: what the reader decided about an article's story.
 * Macros, not an enum, so that SQL text can spell them. */
#define STORY_FIXED_ALONE  1   /* moved out of its theme */
#define STORY_FIXED_MERGED 2   /* in a theme the reader merged */

/* What the clusterer reads of an article: bodies are stored compressed, and articles
 * with HTML keep no text copy: story_index_text() gives the words either way. */
#define CLUSTER_COLUMNS \
  "id, title, summary, substr(story_index_text(content_html, content_text), 1, " \
  G_STRINGIFY (TEXT_PREFIX_CHARS) "), tags, coalesce(published, sort_time), story_id, " \
  "story_fixed"

/* Adds the article of a CLUSTER_COLUMNS row that has a story, in it. */
static void
add_clustered_row (StoryClusterer *clusterer,
                   sqlite3_stmt   *stmt)
{
  g_auto(GStrv) tags = split_list (sqlite3_column_text (stmt, 4));

  story_clusterer_add (clusterer, sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                       column_text (stmt, 2), column_text (stmt, 3),
                       (const char * const *)tags, sqlite3_column_int64 (stmt, 5),
                       sqlite3_column_int64 (stmt, 6));
  if (sqlite3_column_int (stmt, 7) == STORY_FIXED_ALONE)
    story_clusterer_set_fixed (clusterer, sqlite3_column_int64 (stmt, 0));
  else if (sqlite3_column_int (stmt, 7) == STORY_FIXED_MERGED)
    story_clusterer_set_pinned (clusterer, sqlite3_column_int64 (stmt, 0));
}

/* Builds the clusterer from the cache: articles that have a story keep it,
 * and the labels the reader saw stay; articles that have none yet (an older
 * cache, or the batch being saved) are left for the next run. */
static gboolean
load_clusterer_locked (StoryStore  *self,
                       GError     **error)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_assert (self->clusterer == NULL);

  stmt = get_statement (self,
                        "SELECT " CLUSTER_COLUMNS " FROM articles ORDER BY sort_time",
                        error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 story_id = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                        ? STORY_CLUSTER_NONE : sqlite3_column_int64 (stmt, 6);

      if (story_id == STORY_CLUSTER_NONE)
        {
          g_auto(GStrv) tags = split_list (sqlite3_column_text (stmt, 4));
          StoryArticle *article = story_article_new ();

          story_article_set_id (article, sqlite3_column_int64 (stmt, 0));
          story_article_set_title (article, column_text (stmt, 1));
          story_article_set_summary (article, column_text (stmt, 2));
          story_article_set_content_text (article, column_text (stmt, 3));
          story_article_set_tags (article, (const char * const *)tags);
          story_article_set_published (article, sqlite3_column_int64 (stmt, 5));
          g_ptr_array_add (pending, article);
          continue;
        }

      add_clustered_row (clusterer, stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "load stories");

  g_array_unref (story_clusterer_run (clusterer));

  stmt = get_statement (self, "SELECT story_id, label FROM themes WHERE story_id IS NOT NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    story_clusterer_set_label (clusterer, sqlite3_column_int64 (stmt, 0), column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "load story labels");

  for (guint i = 0; i < pending->len; i++)
    story_clusterer_add_article (clusterer, g_ptr_array_index (pending, i));

  self->clusterer = g_steal_pointer (&clusterer);
  return TRUE;
}

static gboolean
ensure_clusterer_locked (StoryStore  *self,
                         GError     **error)
{
  return self->clusterer != NULL || load_clusterer_locked (self, error);
}

/* The theme row of a story, created when the story gets its second article;
 * its label follows the clusterer's, which changes only when the story has
 * doubled since it was named, unless the reader renamed it. */
static gint64
story_theme_locked (StoryStore  *self,
                    gint64       story_id,
                    const char  *label,
                    GError     **error)
{
  g_autofree char *key = g_strdup_printf (LIST_SEPARATOR "story" LIST_SEPARATOR "%" G_GINT64_FORMAT,
                                          story_id);
  sqlite3_stmt *stmt;
  gint64 theme_id;

  stmt = get_statement (self,
                        "INSERT INTO themes (key, label, story_id) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (key) DO UPDATE SET label = CASE WHEN renamed THEN label "
                        " ELSE excluded.label END RETURNING id",
                        error);
  if (stmt == NULL)
    return -1;

  bind_text (stmt, 1, key);
  bind_text (stmt, 2, label != NULL ? label : "");
  sqlite3_bind_int64 (stmt, 3, story_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, "story theme");
      return -1;
    }
  theme_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return theme_id;
}

static gboolean
set_story_locked (StoryStore  *self,
                  gint64       article_id,
                  gint64       story_id,
                  gint64       theme_id,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (theme_id == STORY_THEME_ID_NONE)
    stmt = get_statement (self,
                          "UPDATE articles SET story_id = ?1 "
                          "WHERE id = ?3 AND story_id IS NOT ?1",
                          error);
  else
    stmt = get_statement (self,
                          "UPDATE articles SET story_id = ?1, theme_id = ?2 "
                          "WHERE id = ?3 AND (story_id IS NOT ?1 OR theme_id IS NOT ?2)",
                          error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, story_id);
  if (theme_id != STORY_THEME_ID_NONE)
    sqlite3_bind_int64 (stmt, 2, theme_id);
  sqlite3_bind_int64 (stmt, 3, article_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "set story");
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean recluster_locked (StoryStore  *self,
                                  GError     **error);
static gboolean store_reclustered_locked (StoryStore  *self,
                                          GError     **error);

/* Puts a batch's new articles (added to the clusterer as they were saved)
 * into stories, inside the batch's transaction: the new ones join a story or
 * start their own, and a story that reaches two articles becomes a theme. Existing stories keep their ids. Once a quarter
 * of the cache has arrived one sync at a time, the stories are built again
 * with what is known now instead: the new articles then need no run of their
 * own (a first sync is all new, and was clustered twice). */
typedef struct
{
  StoryClusterer *clusterer;
  gboolean        recluster;
  GArray         *touched;
} ClusterJob;

static gpointer
run_cluster_job (gpointer data)
{
  ClusterJob *job = data;

  if (job->recluster)
    story_clusterer_recluster (job->clusterer);
  else
    job->touched = story_clusterer_run (job->clusterer);

  return NULL;
}

static gboolean
assign_stories_locked (StoryStore  *self,
                       guint        n_articles,
                       GError     **error)
{
  g_autoptr(GArray) touched = NULL;
  ClusterJob job = { self->clusterer, FALSE, NULL };

  self->n_assigned += n_articles;
  job.recluster = self->n_assigned >= RECLUSTER_MIN_ARTICLES
                  && self->n_assigned * 4 >= story_clusterer_get_n_articles (self->clusterer);

  if (n_articles >= CLUSTER_THREAD_MIN_ARTICLES)
    {
      /* Building a big batch's stories takes a while, and touches nothing
       * but the clusterer (this thread holds the store's lock meanwhile, so
       * nothing else can reach it). This thread has the search index write
       * out the words it holds in memory in the meantime, which it would do
       * anyway, at the first savepoint or at the commit: 0.1 s of the end
       * of a sync of 10,000 articles, now beside the clusterer's 0.15 s. */
      GThread *thread = g_thread_new ("story-cluster", run_cluster_job, &job);
      gboolean flushed = exec_sql (self, "SAVEPOINT story_index; RELEASE story_index", error);

      g_thread_join (thread);
      touched = job.touched;
      if (!flushed)
        return FALSE;
    }
  else
    {
      run_cluster_job (&job);
      touched = job.touched;
    }

  if (job.recluster)
    return store_reclustered_locked (self, error);
  for (guint i = 0; i < touched->len; i++)
    {
      gint64 story_id = g_array_index (touched, gint64, i);
      g_autoptr(GArray) members = story_clusterer_dup_members (self->clusterer, story_id);
      gint64 theme_id = STORY_THEME_ID_NONE;

      if (members->len >= 2)
        {
          theme_id = story_theme_locked (self, story_id,
                                         story_clusterer_get_label (self->clusterer, story_id),
                                         error);
          if (theme_id < 0)
            return FALSE;
        }

      for (guint j = 0; j < members->len; j++)
        if (!set_story_locked (self, g_array_index (members, gint64, j), story_id, theme_id,
                               error))
          return FALSE;
    }

  return TRUE;
}

/* An article that a re-clustering left alone in its story goes back under
 * its source's first tag. */
static gboolean
leave_story_locked (StoryStore  *self,
                    gint64       article_id,
                    gint64       story_id,
                    GHashTable  *theme_ids,
                    GError     **error)
{
  g_autoptr(StoryArticle) article = NULL;
  g_auto(GStrv) tags = NULL;
  sqlite3_stmt *stmt;
  gint64 theme_id;
  int rc;

  stmt = get_statement (self,
                        "SELECT a.tags FROM articles a JOIN themes t ON t.id = a.theme_id "
                        "WHERE a.id = ? AND t.story_id IS NOT NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    tags = split_list (sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return set_story_locked (self, article_id, story_id, STORY_THEME_ID_NONE, error);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, "leave story");

  article = story_article_new ();
  story_article_set_tags (article, (const char * const *)tags);
  theme_id = theme_for_article (self, article, theme_ids, error);
  if (theme_id < 0)
    return FALSE;

  stmt = get_statement (self, "UPDATE articles SET story_id = ?1, theme_id = ?2 WHERE id = ?3",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, story_id);
  if (theme_id == STORY_THEME_ID_NONE)
    sqlite3_bind_null (stmt, 2);
  else
    sqlite3_bind_int64 (stmt, 2, theme_id);
  sqlite3_bind_int64 (stmt, 3, article_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "leave story");
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
recluster_locked (StoryStore  *self,
                  GError     **error)
{
  if (!ensure_clusterer_locked (self, error))
    return FALSE;

  story_clusterer_recluster (self->clusterer);
  return store_reclustered_locked (self, error);
}

typedef struct
{
  gint64 article_id;
  gint64 story_id;
  gint64 theme_id;
} StoryAssignment;

static int
compare_assignments (gconstpointer a,
                     gconstpointer b)
{
  const StoryAssignment *x = a;
  const StoryAssignment *y = b;

  return (x->article_id > y->article_id) - (x->article_id < y->article_id);
}

/* Writes the stories of a clusterer built again from scratch. */
static gboolean
store_reclustered_locked (StoryStore  *self,
                          GError     **error)
{
  g_autoptr(GHashTable) theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) assignments = g_array_new (FALSE, FALSE, sizeof (StoryAssignment));
  g_autoptr(GArray) stories = NULL;

  self->n_assigned = 0;
  stories = story_clusterer_dup_stories (self->clusterer);
  for (guint i = 0; i < stories->len; i++)
    {
      gint64 story_id = g_array_index (stories, gint64, i);
      g_autoptr(GArray) members = story_clusterer_dup_members (self->clusterer, story_id);
      gint64 theme_id;

      if (members->len < 2)
        {
          if (!leave_story_locked (self, g_array_index (members, gint64, 0), story_id, theme_ids,
                                   error))
            return FALSE;
          continue;
        }

      theme_id = story_theme_locked (self, story_id,
                                     story_clusterer_get_label (self->clusterer, story_id), error);
      if (theme_id < 0)
        return FALSE;
      for (guint j = 0; j < members->len; j++)
        {
          StoryAssignment assignment = { g_array_index (members, gint64, j), story_id, theme_id };

          g_array_append_val (assignments, assignment);
        }
    }

  /* In the rows' order rather than the stories': a story's articles lie all
   * over the table, whose pages do not all fit the page cache. */
  g_array_sort (assignments, compare_assignments);
  for (guint i = 0; i < assignments->len; i++)
    {
      StoryAssignment *assignment = &g_array_index (assignments, StoryAssignment, i);

      if (!set_story_locked (self, assignment->article_id, assignment->story_id,
                             assignment->theme_id, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * story_store_move_out_of_theme:
 *
 * Takes an article out of its theme for good, as the reader asked: it is
 * listed under "Other news", no new article joins it, and re-clustering
 * leaves it there. A theme left with one article stops being a theme.
 */
gboolean
story_store_move_out_of_theme (StoryStore  *self,
                               gint64       article_id,
                               GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GHashTable) theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) left = NULL;
  sqlite3_stmt *stmt;
  gint64 old_story;
  gint64 new_story;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!ensure_clusterer_locked (self, error))
    return FALSE;

  old_story = story_clusterer_get_story (self->clusterer, article_id);
  if (old_story == STORY_CLUSTER_NONE)
    {
      return set_not_found (error, _("There is no article with id %s"), article_id);
    }

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  new_story = story_clusterer_detach (self->clusterer, article_id);
  left = story_clusterer_dup_members (self->clusterer, old_story);

  /* Not back under its tag: the theme it left is often named after that tag. */
  stmt = get_statement (self,
                        "UPDATE articles SET story_id = ?1, theme_id = NULL, "
                        "story_fixed = " G_STRINGIFY (STORY_FIXED_ALONE) " "
                        "WHERE id = ?2",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, new_story);
  sqlite3_bind_int64 (stmt, 2, article_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "move out of theme");
      goto fail;
    }
  sqlite3_reset (stmt);

  if (left->len == 1
      && !leave_story_locked (self, g_array_index (left, gint64, 0), old_story, theme_ids, error))
    goto fail;

  if (!exec_sql (self, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  exec_sql (self, "ROLLBACK", NULL);
  g_clear_object (&self->clusterer);
  return FALSE;
}

static gint64
story_of_theme_locked (StoryStore  *self,
                       gint64       theme_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 story_id = STORY_CLUSTER_NONE;
  int rc;

  stmt = get_statement (self, "SELECT story_id FROM themes WHERE id = ? AND story_id IS NOT NULL",
                        error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, theme_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    story_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "theme story");
      return -1;
    }
  if (story_id == STORY_CLUSTER_NONE)
    {
      set_not_found (error, _("There is no story theme with id %s"), theme_id);
      return -1;
    }

  return story_id;
}

/**
 * story_store_merge_themes:
 * @into_id: the theme that stays, with its id and name
 * @from_id: the theme whose articles move into @into_id
 *
 * Merges two story themes for good, as the reader asked: their articles
 * stay together when the stories are built again. Themes that are a
 * source's tag cannot be merged.
 */
gboolean
story_store_merge_themes (StoryStore  *self,
                          gint64       into_id,
                          gint64       from_id,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) members = NULL;
  gint64 into_story, from_story;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!ensure_clusterer_locked (self, error))
    return FALSE;
  into_story = story_of_theme_locked (self, into_id, error);
  if (into_story < 0)
    return FALSE;
  from_story = story_of_theme_locked (self, from_id, error);
  if (from_story < 0)
    return FALSE;
  if (!story_clusterer_merge (self->clusterer, into_story, from_story))
    {
      g_set_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_FAILED,
                   _("These themes cannot be merged"));
      return FALSE;
    }

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    goto fail;

  members = story_clusterer_dup_members (self->clusterer, into_story);
  for (guint i = 0; i < members->len; i++)
    {
      sqlite3_stmt *stmt;

      stmt = get_statement (self,
                            "UPDATE articles SET story_id = ?1, theme_id = ?2, "
                            "story_fixed = " G_STRINGIFY (STORY_FIXED_MERGED) " WHERE id = ?3",
                            error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, into_story);
      sqlite3_bind_int64 (stmt, 2, into_id);
      sqlite3_bind_int64 (stmt, 3, g_array_index (members, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (error, self->db, "merge themes");
          goto fail;
        }
      sqlite3_reset (stmt);
    }

  if (!exec_sql (self, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  exec_sql (self, "ROLLBACK", NULL);
  g_clear_object (&self->clusterer);
  return FALSE;
}

/**
 * story_store_recluster:
 *
 * Groups every cached article into stories again, now that the whole
 * collection's words are known: articles assigned one sync at a time were
 * judged with less. Stories keep their theme ids by largest overlap and
 * their labels unless they doubled. One transaction; blocking, so call it
 * from a worker thread. Saving articles does it by itself when many have
 * arrived since the stories were last built.
 */
gboolean
story_store_recluster (StoryStore  *self,
                       GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!recluster_locked (self, error))
    {
      exec_sql (self, "ROLLBACK", NULL);
      g_clear_object (&self->clusterer);
      return FALSE;
    }

  if (!exec_sql (self, "COMMIT", error))
    {
      exec_sql (self, "ROLLBACK", NULL);
      g_clear_object (&self->clusterer);
      return FALSE;
    }

  return TRUE;
}

/* A save in progress: one transaction, holding the store's lock from
 * story_store_begin_batch() until it is committed or aborted, on the thread
 * that began it. */
struct _StoryStoreBatch
{
  StoryStore          *store;
  gint64               source_id;
  gint64               now;
  GHashTable          *theme_ids;
  StoryStoreSaveStats  stats;
  gboolean             failed;      /* rolled back already */
  /* A big batch hands its saved articles to a thread of its own, which adds
   * them to the clusterer while the next ones are written; the clusterer is
   * that thread's alone until it is joined. */
  GThread             *adder;
  GAsyncQueue         *to_add;      /* StoryArticle*, then the batch itself to stop */
  GPtrArray           *waiting;     /* articles not handed over yet */
};

#define BATCH_ADDER_MIN_ARTICLES 256

static gpointer
batch_adder (gpointer data)
{
  StoryStoreBatch *batch = data;
  StoryClusterer *clusterer = batch->store->clusterer;
  gpointer item;

  story_thread_yield_to_writer ();
  while ((item = g_async_queue_pop (batch->to_add)) != batch)
    {
      story_clusterer_add_article (clusterer, item);
      g_object_unref (item);
    }

  return NULL;
}

/* The clusterer is the store's own again afterwards. */
static void
batch_join_adder (StoryStoreBatch *batch)
{
  if (batch->adder == NULL)
    return;

  g_async_queue_push (batch->to_add, batch);
  g_thread_join (g_steal_pointer (&batch->adder));
}

/* Adds the articles saved so far to the clusterer: on the batch's thread
 * once there are enough of them to be worth one. */
static void
batch_hand_over (StoryStoreBatch *batch,
                 gboolean         last)
{
  StoryStore *self = batch->store;

  if (batch->adder == NULL && !last && batch->waiting->len < BATCH_ADDER_MIN_ARTICLES)
    return;

  if (batch->adder == NULL && !last)
    {
      batch->to_add = g_async_queue_new ();
      batch->adder = g_thread_new ("story-cluster-add", batch_adder, batch);
    }

  for (guint i = 0; i < batch->waiting->len; i++)
    {
      StoryArticle *article = g_ptr_array_index (batch->waiting, i);

      if (batch->adder != NULL)
        g_async_queue_push (batch->to_add, g_object_ref (article));
      else
        story_clusterer_add_article (self->clusterer, article);
    }
  g_ptr_array_set_size (batch->waiting, 0);
}

/**
 * story_store_begin_batch:
 * @source_id: the source every article of the batch comes from
 *
 * Starts saving one source's articles in one transaction: add them with
 * story_store_batch_add() as they are ready, then
 * story_store_batch_commit(); on any failure, or with
 * story_store_batch_abort(), nothing of the batch is kept. Until then the
 * store is held for this thread: call it from a worker thread, and call
 * nothing else of the store on this one meanwhile.
 *
 * Returns: (transfer full): the batch, or %NULL with @error set
 */
StoryStoreBatch *
story_store_begin_batch (StoryStore  *self,
                         gint64       source_id,
                         GError     **error)
{
  StoryStoreBatch *batch;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  g_mutex_lock (&self->lock);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }

  /* The clusterer is loaded (when the store let go of it) only once the batch has a
   * new article: see save_article_locked(). */
  batch = g_new0 (StoryStoreBatch, 1);
  batch->store = g_object_ref (self);
  batch->source_id = source_id;
  batch->now = g_get_real_time () / G_USEC_PER_SEC;
  batch->theme_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  return batch;
}

static void
batch_free (StoryStoreBatch *batch)
{
  g_assert (batch->adder == NULL);

  g_mutex_unlock (&batch->store->lock);
  g_clear_pointer (&batch->to_add, g_async_queue_unref);
  g_ptr_array_unref (batch->waiting);
  g_hash_table_unref (batch->theme_ids);
  g_object_unref (batch->store);
  g_free (batch);
}

static void
batch_fail (StoryStoreBatch *batch)
{
  batch_join_adder (batch);
  if (batch->failed)
    return;

  exec_sql (batch->store, "ROLLBACK", NULL);
  /* The clusterer may hold articles, or stories, the cache never got. */
  g_clear_object (&batch->store->clusterer);
  batch->failed = TRUE;
}

/**
 * story_store_batch_add_row:
 * @row: an article prepared with story_store_row_new(), of the batch's source
 *
 * Inserts the row's article, or rewrites its row when it changed; an
 * unchanged article costs no write. The article's id is set to its row.
 * After a failure the batch is rolled back: abort it. @row is spent
 * either way; free it.
 */
gboolean
story_store_batch_add_row (StoryStoreBatch  *batch,
                           StoryStoreRow    *row,
                           GError          **error)
{
  StoryStore *self;
  guint n_new;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (!batch->failed, FALSE);

  self = batch->store;
  n_new = batch->stats.n_new;
  if (!save_article_locked (self, batch->source_id, row, batch->theme_ids, batch->now,
                            &batch->stats, error))
    {
      batch_fail (batch);
      return FALSE;
    }

  /* Only a new article is new to the clusterer: an edited one keeps its story. */
  if (batch->stats.n_new > n_new)
    {
      g_ptr_array_add (batch->waiting, g_object_ref (row->article));
      batch_hand_over (batch, FALSE);
    }

  return TRUE;
}

/**
 * story_store_batch_add:
 * @article: a normalized, sanitized article of the batch's source
 *
 * Prepares @article (story_store_row_new()) and adds it with
 * story_store_batch_add_row().
 */
gboolean
story_store_batch_add (StoryStoreBatch  *batch,
                       StoryArticle     *article,
                       GError          **error)
{
  StoryStoreRow *row;
  gboolean ok;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (STORY_IS_ARTICLE (article), FALSE);

  row = story_store_row_new (article);
  ok = story_store_batch_add_row (batch, row, error);
  story_store_row_free (row);

  return ok;
}

/**
 * story_store_batch_commit:
 * @batch: (transfer full): the batch, freed
 * @stats: (out caller-allocates) (optional): what changed
 *
 * Groups the batch's new articles into stories and commits everything.
 */
gboolean
story_store_batch_commit (StoryStoreBatch      *batch,
                          StoryStoreSaveStats  *stats,
                          GError              **error)
{
  StoryStore *self;
  gboolean ok = FALSE;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (!batch->failed, FALSE);

  self = batch->store;
  batch_hand_over (batch, TRUE);
  batch_join_adder (batch);
  if ((batch->stats.n_new > 0 && !assign_stories_locked (self, batch->stats.n_new, error)) ||
      !exec_sql (self, "COMMIT", error))
    batch_fail (batch);
  else
    ok = TRUE;

  if (ok && stats != NULL)
    *stats = batch->stats;
  batch_free (batch);

  return ok;
}

/**
 * story_store_batch_abort:
 * @batch: (transfer full): the batch, freed
 *
 * Rolls back what the batch wrote, if it was not rolled back already.
 */
void
story_store_batch_abort (StoryStoreBatch *batch)
{
  if (batch == NULL)
    return;

  batch_fail (batch);
  batch_free (batch);
}

/**
 * story_store_save_articles:
 * @articles: (element-type StoryArticle): normalized, sanitized articles of one source
 * @stats: (out caller-allocates) (optional): what changed
 *
 * Inserts new articles and rewrites changed ones in one transaction: on any
 * failure nothing of the batch is kept. Unchanged articles cost no write.
 * Each article's id is set to its row. New articles are grouped into stories
 * in the same transaction, so call this from a worker thread. A batch
 * (story_store_begin_batch()) does the same for articles that are still
 * being prepared.
 */
gboolean
story_store_save_articles (StoryStore           *self,
                           gint64                source_id,
                           GPtrArray            *articles,
                           StoryStoreSaveStats  *stats,
                           GError              **error)
{
  StoryStoreBatch *batch;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  batch = story_store_begin_batch (self, source_id, error);
  if (batch == NULL)
    return FALSE;

  for (guint i = 0; i < articles->len; i++)
    {
      if (!story_store_batch_add (batch, g_ptr_array_index (articles, i), error))
        {
          story_store_batch_abort (batch);
          return FALSE;
        }
    }

  return story_store_batch_commit (batch, stats, error);
}

#define ARTICLE_COLUMNS "a.id, a.source_id, a.remote_id, a.title, a.url, a.external_url, " \
  "a.authors, a.published, a.updated, a.summary, a.image, a.tags, a.theme_id, t.label, " \
  "coalesce(s.title, s.url), a.read, a.starred"
/* The same for a sidebar row, which shows the summary only in place of a
 * missing title (at 100,000 loaded headlines the summaries alone were 30 MB), and
 * needs no remote id, links, authors, image or tags: opening a headline reads the
 * whole article. */
#define HEADLINE_COLUMNS "a.id, a.source_id, NULL, a.title, NULL, NULL, " \
  "NULL, a.published, a.updated, " \
  "CASE WHEN a.title IS NULL OR a.title = '' THEN a.summary END, NULL, NULL, a.theme_id, " \
  "t.label, coalesce(s.title, s.url), a.read, a.starred"
#define ARTICLE_FROM " FROM articles a JOIN sources s ON s.id = a.source_id " \
  "LEFT JOIN themes t ON t.id = a.theme_id "

static StoryArticle *
article_from_row (sqlite3_stmt *stmt)
{
  StoryArticle *article = story_article_new ();
  g_auto(GStrv) authors = split_list (sqlite3_column_text (stmt, 6));
  g_auto(GStrv) tags = split_list (sqlite3_column_text (stmt, 11));

  story_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  story_article_set_source_id (article, sqlite3_column_int64 (stmt, 1));
  story_article_set_remote_id (article, column_text (stmt, 2));
  story_article_set_title (article, column_text (stmt, 3));
  story_article_set_url (article, column_text (stmt, 4));
  story_article_set_external_url (article, column_text (stmt, 5));
  story_article_set_authors (article, (const char * const *)authors);
  story_article_set_published (article, column_time (stmt, 7));
  story_article_set_updated (article, column_time (stmt, 8));
  story_article_set_summary (article, column_text (stmt, 9));
  story_article_set_image (article, column_text (stmt, 10));
  story_article_set_tags (article, (const char * const *)tags);
  story_article_set_theme_id (article, sqlite3_column_int64 (stmt, 12));
  story_article_set_theme_label (article, column_text (stmt, 13));
  story_article_set_source_title (article, column_text (stmt, 14));
  story_article_set_read (article, sqlite3_column_int (stmt, 15));
  story_article_set_starred (article, sqlite3_column_int (stmt, 16));

  return article;
}

static GPtrArray *
collect_articles (StoryStore    *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (articles, article_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "articles");
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&articles);
}

/**
 * story_store_list_articles:
 *
 * Returns: (transfer full) (element-type StoryArticle): the matching
 *   articles, newest first, without their bodies
 */
GPtrArray *
story_store_list_articles (StoryStore               *self,
                           const StoryArticleQuery  *query,
                           GError                  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT " ARTICLE_COLUMNS ARTICLE_FROM
                        "WHERE (?1 < 0 OR coalesce(a.theme_id, 0) = ?1) "
                        "AND (?2 = 0 OR a.source_id = ?2) "
                        "AND (?3 = 0 OR a.read = 0) "
                        "AND (?4 = 0 OR a.starred = 1) "
                        "ORDER BY a.sort_time DESC, a.id DESC LIMIT ?5",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, query->theme_id);
  sqlite3_bind_int64 (stmt, 2, query->source_id);
  sqlite3_bind_int (stmt, 3, query->unread_only);
  sqlite3_bind_int (stmt, 4, query->starred_only);
  sqlite3_bind_int64 (stmt, 5, query->limit > 0 ? (gint64)query->limit : -1);

  return collect_articles (self, stmt, error);
}

/**
 * story_store_get_article:
 *
 * Returns: (transfer full): the whole article, body included, or %NULL with
 *   @error set
 */
StoryArticle *
story_store_get_article (StoryStore  *self,
                         gint64       article_id,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  StoryArticle *article;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT " ARTICLE_COLUMNS ", a.content_html, a.content_text"
                        ARTICLE_FROM "WHERE a.id = ?",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_not_found (error, _("There is no article with id %s"), article_id);
      else
        set_sqlite_error (error, self->db, "article");
      return NULL;
    }

  article = article_from_row (stmt);
  {
    g_autofree char *html = column_inflated (self, stmt, 17);
    g_autofree char *text = column_inflated (self, stmt, 18);

    if (text == NULL && html != NULL)
      text = story_html_to_text (html);

    story_article_set_content_html (article, html);
    story_article_set_content_text (article, text);
  }
  sqlite3_reset (stmt);

  return article;
}

/**
 * story_store_list_related:
 *
 * Returns: (transfer full) (element-type StoryArticle): the other articles of
 *   the article's theme, newest first ("More on this theme"); empty when the
 *   article has no theme
 */
GPtrArray *
story_store_list_related (StoryStore  *self,
                          gint64       article_id,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT " ARTICLE_COLUMNS ARTICLE_FROM
                        "WHERE a.theme_id = (SELECT theme_id FROM articles WHERE id = ?1) "
                        "AND a.id != ?1 ORDER BY a.sort_time DESC, a.id DESC LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);

  return collect_articles (self, stmt, error);
}

/**
 * story_store_apply_retention:
 * @days: keep articles this many days
 * @keep_per_source: always keep this many of each source's newest articles
 * @n_deleted: (out) (optional): how many articles went
 *
 * Deletes old articles, but never a starred one, and never one of a source's
 * newest @keep_per_source. Their images go at the next image-cache pass.
 */
gboolean
story_store_apply_retention (StoryStore  *self,
                             guint        days,
                             guint        keep_per_source,
                             guint       *n_deleted,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "DELETE FROM articles WHERE starred = 0 AND sort_time < ?1 "
                        "AND id NOT IN (SELECT id FROM (SELECT id, row_number() OVER "
                        "  (PARTITION BY source_id ORDER BY sort_time DESC, id DESC) AS n "
                        "  FROM articles) WHERE n <= ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC - (gint64)days * 86400);
  sqlite3_bind_int64 (stmt, 2, keep_per_source);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "retention");

  if (n_deleted != NULL)
    *n_deleted = sqlite3_changes (self->db);

  return TRUE;
}

/**
 * story_store_get_usage:
 * @usage: (out caller-allocates): what the cache takes on disk
 */
gboolean
story_store_get_usage (StoryStore       *self,
                       StoryCacheUsage  *usage,
                       GError          **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (usage != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT (SELECT page_count * page_size FROM pragma_page_count, "
                        "pragma_page_size), "
                        "(SELECT coalesce(sum(size), 0) FROM images WHERE state = 1), "
                        "(SELECT count(*) FROM articles)",
                        error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return set_sqlite_error (error, self->db, "usage");

  usage->database_bytes = sqlite3_column_int64 (stmt, 0);
  usage->image_bytes = sqlite3_column_int64 (stmt, 1);
  usage->n_articles = sqlite3_column_int (stmt, 2);
  sqlite3_reset (stmt);

  return TRUE;
}

/* "Download images for all unread articles now": images of unread articles
 * that were evicted or gave up are wanted again. */
gboolean
story_store_want_unread_images (StoryStore  *self,
                                guint       *n_wanted,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "UPDATE images SET state = 0, attempts = 0 WHERE state IN (2, 3) AND url IN "
                        "(SELECT ai.url FROM article_images ai JOIN articles a ON a.id = ai.article_id "
                        " WHERE a.read = 0)",
                        error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "want images");

  if (n_wanted != NULL)
    *n_wanted = sqlite3_changes (self->db);

  return TRUE;
}

/* Gives the space of deleted rows back to the file system. */
gboolean
story_store_compact (StoryStore  *self,
                     GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  return exec_sql (self, "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;", error);
}

/* Images */

static GPtrArray *
collect_strings (StoryStore    *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (strings, g_strdup (column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "images");
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&strings);
}

/**
 * story_store_list_wanted_images:
 * @limit: at most this many (0: all)
 *
 * Returns: (transfer full) (element-type utf8): URLs of images that stored
 *   articles show and that are not cached yet, newest articles first
 */
GPtrArray *
story_store_list_wanted_images (StoryStore  *self,
                                guint        limit,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  /* sort_time comes from the index: reading each article's row cost 0.2 s
   * with 100,000 articles, holding the store while the sidebar waited. */
  stmt = get_statement (self,
                        "SELECT i.url FROM images i "
                        "JOIN article_images ai ON ai.url = i.url "
                        "JOIN articles a INDEXED BY articles_by_id_time ON a.id = ai.article_id "
                        "WHERE i.state = 0 GROUP BY i.url "
                        "ORDER BY max(a.sort_time) DESC LIMIT ?",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64)limit : -1);

  return collect_strings (self, stmt, error);
}

gboolean
story_store_set_image_fetched (StoryStore  *self,
                               const char  *url,
                               gsize        size,
                               GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "UPDATE images SET state = 1, size = ?, fetched = ? WHERE url = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, size);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  bind_text (stmt, 3, url);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "image state");

  return TRUE;
}

/* A failed image is tried again at later syncs, up to IMAGE_MAX_ATTEMPTS. */
gboolean
story_store_set_image_failed (StoryStore  *self,
                              const char  *url,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "UPDATE images SET attempts = attempts + 1, "
                        "state = CASE WHEN attempts + 1 >= ? THEN 2 ELSE 0 END WHERE url = ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, IMAGE_MAX_ATTEMPTS);
  bind_text (stmt, 2, url);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "image state");

  return TRUE;
}

/* dup_shared_terms_light_locked(): how many recent articles stand for the whole cache,
 * and how many of the story's articles on each side of the article in time stand for
 * the story. */
#define SHARED_TERMS_BACKGROUND 500
#define SHARED_TERMS_NEIGHBOURS 100

/* The shared words without the whole clusterer, for a store that lets go of it between
 * syncs (96 MiB and 1 to 4 s to load at 100,000 articles, for five words): a clusterer of
 * the article's story, or of its articles nearest the article in a big one, and of the
 * newest articles that have a story, which stand for the rest in how common a word is. */
static char **
dup_shared_terms_light_locked (StoryStore  *self,
                               gint64       article_id,
                               guint        max_terms,
                               GError     **error)
{
  g_autoptr(StoryClusterer) clusterer = story_clusterer_new ();
  sqlite3_stmt *stmt;
  int rc;

  /* The story's articles nearest the article in time (through the theme's index: a
   * story of two or more articles is its theme), the newest articles of the cache, and
   * the article. */
  stmt = get_statement (self,
                        "WITH a AS (SELECT theme_id, story_id, sort_time FROM articles WHERE id = ?1), "
                        "picked AS ("
                        " SELECT * FROM (SELECT t.id FROM articles t, a"
                        "  WHERE t.theme_id = a.theme_id AND t.story_id = a.story_id"
                        "  AND t.sort_time >= a.sort_time ORDER BY t.sort_time LIMIT ?3)"
                        " UNION SELECT * FROM (SELECT t.id FROM articles t, a"
                        "  WHERE t.theme_id = a.theme_id AND t.story_id = a.story_id"
                        "  AND t.sort_time <= a.sort_time ORDER BY t.sort_time DESC LIMIT ?3)"
                        " UNION SELECT * FROM (SELECT id FROM articles WHERE story_id IS NOT NULL"
                        "  ORDER BY sort_time DESC LIMIT ?2)"
                        " UNION SELECT ?1) "
                        "SELECT " CLUSTER_COLUMNS " FROM articles "
                        "WHERE id IN picked AND story_id IS NOT NULL ORDER BY 6",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, SHARED_TERMS_BACKGROUND);
  sqlite3_bind_int (stmt, 3, SHARED_TERMS_NEIGHBOURS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_clustered_row (clusterer, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "shared terms");
      return NULL;
    }

  g_array_unref (story_clusterer_run (clusterer));
  return story_clusterer_dup_shared_terms (clusterer, article_id, max_terms);
}

/**
 * story_store_dup_shared_terms:
 * @max_terms: how many words at most
 *
 * Says why an article is in its theme: the words it shares with the theme's
 * other articles, the most telling first.
 *
 * Returns: (transfer full) (nullable): the words, %NULL-terminated; %NULL
 *   with no error when the article shares a theme with no other article
 */
char **
story_store_dup_shared_terms (StoryStore  *self,
                              gint64       article_id,
                              guint        max_terms,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  if (self->clusterer == NULL && g_atomic_int_get (&self->release_clusterer))
    return dup_shared_terms_light_locked (self, article_id, max_terms, error);

  if (!ensure_clusterer_locked (self, error))
    return NULL;

  return story_clusterer_dup_shared_terms (self->clusterer, article_id, max_terms);
}

/**
 * story_store_rename_theme:
 * @label: the name the reader chose
 *
 * Renames a theme for good: new articles and re-clustering keep the name.
 */
gboolean
story_store_rename_theme (StoryStore  *self,
                          gint64       theme_id,
                          const char  *label,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  stripped = g_strstrip (g_strdup (label));
  if (stripped[0] == '\0')
    {
      g_set_error (error, STORY_STORE_ERROR, STORY_STORE_ERROR_FAILED,
                   _("A theme needs a name"));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "UPDATE themes SET label = ?1, renamed = 1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, stripped);
  sqlite3_bind_int64 (stmt, 2, theme_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "rename theme");
  sqlite3_reset (stmt);

  if (sqlite3_changes (self->db) == 0)
    {
      return set_not_found (error, _("There is no theme with id %s"), theme_id);
    }

  return TRUE;
}

/**
 * story_store_evict_images:
 * @max_total_size: the cap on the cached images' total size, in bytes
 *
 * Forgets images no article shows any more, then the least recently
 * fetched cached images until the rest fits under the cap.
 *
 * Returns: (transfer full) (element-type utf8): the URLs whose files the
 *   caller should delete
 */
GPtrArray *
story_store_evict_images (StoryStore  *self,
                          gint64       max_total_size,
                          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) evicted = NULL;
  g_autoptr(GPtrArray) over_cap = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return NULL;

  stmt = get_statement (self,
                        "DELETE FROM images WHERE url NOT IN (SELECT url FROM article_images) "
                        "RETURNING url",
                        error);
  if (stmt == NULL || (evicted = collect_strings (self, stmt, error)) == NULL)
    goto rollback;

  /* The running total, newest first: everything past the cap goes. */
  stmt = get_statement (self,
                        "UPDATE images SET state = 3, size = 0 WHERE url IN ("
                        "  SELECT url FROM (SELECT url, sum(size) OVER "
                        "    (ORDER BY fetched DESC, url ROWS UNBOUNDED PRECEDING) AS total "
                        "    FROM images WHERE state = 1) WHERE total > ?) RETURNING url",
                        error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, max_total_size);
  if ((over_cap = collect_strings (self, stmt, error)) == NULL)
    goto rollback;

  if (!exec_sql (self, "COMMIT", error))
    goto rollback;

  g_ptr_array_extend_and_steal (evicted, g_steal_pointer (&over_cap));
  return g_steal_pointer (&evicted);

rollback:
  exec_sql (self, "ROLLBACK", NULL);
  return NULL;
}

/**
 * story_store_get_image_cache_size:
 *
 * Returns: the total size of the cached images in bytes, or -1 on error
 */
gint64
story_store_get_image_cache_size (StoryStore  *self,
                                  GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 size;

  g_return_val_if_fail (STORY_IS_STORE (self), -1);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "SELECT coalesce(sum(size), 0) FROM images WHERE state = 1", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, "image size");
      return -1;
    }

  size = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return size;
}

/**
 * story_store_get_newest_article_id:
 *
 * Article ids only grow, so articles stored later have greater ids than this.
 *
 * Returns: the greatest article id, 0 when there are none, or -1 on error
 */
gint64
story_store_get_newest_article_id (StoryStore  *self,
                                   GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (STORY_IS_STORE (self), -1);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self, "SELECT coalesce(max(id), 0) FROM articles", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, "newest article");
      return -1;
    }

  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Turns what a user typed into an FTS5 query: every word must match, as a
 * prefix, and nothing typed is read as FTS syntax. */
static char *
build_match_query (const char *text)
{
  GString *query = g_string_new (NULL);
  GString *word = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          /* Words are quoted, so no character in them has a meaning. */
          g_string_append_printf (query, "%s\"%s\"*", query->len > 0 ? " " : "", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

/**
 * story_store_search:
 * @text: what the user typed
 *
 * Full-text search over titles, summaries and bodies: case- and
 * diacritics-insensitive, every word matched as a prefix, ranked by relevance
 * (a title match counts most) and recency.
 *
 * Returns: (transfer full) (element-type StoryArticle): up to @limit articles
 */
GPtrArray *
story_store_search (StoryStore  *self,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  match = build_match_query (text);
  if (match == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  locker = g_mutex_locker_new (&self->lock);

  /* bm25() is negative, better matches lower; an article loses half its
   * weight every two weeks of age. The matches are ranked from the index
   * alone (see migration 8), and only the page shown is read from the rows. */
  stmt = get_statement (self,
                        "SELECT " ARTICLE_COLUMNS ARTICLE_FROM
                        "JOIN (SELECT f.rowid AS id, bm25(articles_fts, 8.0, 3.0, 1.0) / "
                        "        (1.0 + max(0, ?2 - t.sort_time) / 1209600.0) AS score, "
                        "        t.sort_time AS sort_time "
                        "      FROM articles_fts f "
                        "      JOIN articles t INDEXED BY articles_by_id_time ON t.id = f.rowid "
                        "      WHERE articles_fts MATCH ?1 "
                        "      ORDER BY score, sort_time DESC LIMIT ?3) h ON h.id = a.id "
                        "ORDER BY h.score, h.sort_time DESC",
                        error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64)limit : -1);

  return collect_articles (self, stmt, error);
}

static void
theme_counts_clear (gpointer data)
{
  ThemeCounts *counts = data;

  g_free (counts->label);
}

/* What tells whether anything may have changed since the theme counts were taken: a
 * commit on another connection changes data_version, and a change on this one its total
 * of changes. -1 when it cannot be told. */
static gint64
data_version_locked (StoryStore *self)
{
  sqlite3_stmt *stmt = get_statement (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return version;
}

/* Every theme's counts under every filter, in one pass over the covering index: the
 * sidebar lists the themes again on every reload and filter switch, and counting
 * 100,000 articles took 12 ms each time; now a switch with nothing written since
 * counts nothing. */
static gboolean
ensure_theme_counts_locked (StoryStore  *self,
                            GError     **error)
{
  gint64 version = data_version_locked (self);
  gint64 changes = sqlite3_total_changes64 (self->db);
  sqlite3_stmt *stmt;
  int rc;

  if (self->theme_counts != NULL && version >= 0 && version == self->theme_counts_version &&
      changes == self->theme_counts_changes)
    return TRUE;

  g_clear_pointer (&self->theme_counts, g_array_unref);

  stmt = get_statement (self,
                        "SELECT coalesce(a.theme_id, 0), t.label, coalesce(t.followed, 0), "
                        "coalesce(t.muted_until, 0), count(*), sum(a.read = 0), max(a.sort_time), "
                        "max(CASE WHEN a.read = 0 THEN a.sort_time END), sum(a.starred = 1), "
                        "sum(a.starred = 1 AND a.read = 0), "
                        "max(CASE WHEN a.starred = 1 THEN a.sort_time END)"
                        " FROM articles a LEFT JOIN themes t ON t.id = a.theme_id "
                        "GROUP BY a.theme_id",
                        error);
  if (stmt == NULL)
    return FALSE;

  self->theme_counts = g_array_new (FALSE, TRUE, sizeof (ThemeCounts));
  g_array_set_clear_func (self->theme_counts, theme_counts_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThemeCounts counts = {
        .id = sqlite3_column_int64 (stmt, 0),
        .label = g_strdup (column_text (stmt, 1)),
        .followed = sqlite3_column_int (stmt, 2),
        .muted_until = sqlite3_column_int64 (stmt, 3),
        .n = sqlite3_column_int (stmt, 4),
        .n_unread = sqlite3_column_int (stmt, 5),
        .latest = sqlite3_column_int64 (stmt, 6),
        .latest_unread = sqlite3_column_int64 (stmt, 7),
        .n_starred = sqlite3_column_int (stmt, 8),
        .n_starred_unread = sqlite3_column_int (stmt, 9),
        .latest_starred = sqlite3_column_int64 (stmt, 10),
      };

      g_array_append_val (self->theme_counts, counts);
    }
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&self->theme_counts, g_array_unref);
      return set_sqlite_error (error, self->db, "themes");
    }
  sqlite3_reset (stmt);

  self->theme_counts_version = version;
  self->theme_counts_changes = changes;
  return TRUE;
}

/* Latest activity first; the same time by theme id, so the order is stable. */
static int
compare_theme_latest (gconstpointer a,
                      gconstpointer b)
{
  StoryTheme *theme_a = *(StoryTheme **)a;
  StoryTheme *theme_b = *(StoryTheme **)b;
  gint64 latest_a = story_theme_get_latest (theme_a);
  gint64 latest_b = story_theme_get_latest (theme_b);

  if (latest_a != latest_b)
    return latest_a > latest_b ? -1 : 1;

  return story_theme_get_id (theme_a) < story_theme_get_id (theme_b) ? -1 :
         story_theme_get_id (theme_a) > story_theme_get_id (theme_b);
}

/**
 * story_store_list_themes:
 * @with_articles: whether to fill each theme's article list
 *
 * Returns: (transfer full) (element-type StoryTheme): the themes that have
 *   articles, latest activity first; articles without a theme come last,
 *   under "Other news" (id %STORY_THEME_ID_NONE)
 */
GPtrArray *
story_store_list_themes (StoryStore  *self,
                         gboolean     with_articles,
                         GError     **error)
{
  return story_store_list_themes_filtered (self, STORY_ARTICLE_FILTER_ALL, with_articles, error);
}

/**
 * story_store_list_themes_filtered:
 * @filter: which articles count: all, unread or starred
 *
 * Like story_store_list_themes(), but only themes with articles that pass
 * @filter, each listing only those articles. Muted themes are left out.
 *
 * Returns: (transfer full) (element-type StoryTheme): the themes
 */
GPtrArray *
story_store_list_themes_filtered (StoryStore          *self,
                                  StoryArticleFilter   filter,
                                  gboolean             with_articles,
                                  GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  StoryTheme *other = NULL;
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  if (!ensure_theme_counts_locked (self, error))
    return NULL;

  now = g_get_real_time () / G_USEC_PER_SEC;
  for (guint i = 0; i < self->theme_counts->len; i++)
    {
      const ThemeCounts *counts = &g_array_index (self->theme_counts, ThemeCounts, i);
      StoryTheme *theme;
      int n, unread;
      gint64 latest;

      switch (filter)
        {
        case STORY_ARTICLE_FILTER_UNREAD:
          n = unread = counts->n_unread;
          latest = counts->latest_unread;
          break;

        case STORY_ARTICLE_FILTER_STARRED:
          n = counts->n_starred;
          unread = counts->n_starred_unread;
          latest = counts->latest_starred;
          break;

        case STORY_ARTICLE_FILTER_ALL:
        default:
          n = counts->n;
          unread = counts->n_unread;
          latest = counts->latest;
          break;
        }

      if (n == 0 || (counts->muted_until != 0 && counts->muted_until > now))
        continue;

      theme = story_theme_new ();
      story_theme_set_id (theme, counts->id);
      story_theme_set_label (theme, counts->id == STORY_THEME_ID_NONE ? _("Other news")
                                                                      : counts->label);
      story_theme_set_article_count (theme, n);
      story_theme_set_unread_count (theme, unread);
      story_theme_set_latest (theme, latest);
      story_theme_set_followed (theme, counts->followed);

      if (counts->id == STORY_THEME_ID_NONE)
        other = theme;
      else
        g_ptr_array_add (themes, theme);
    }
  g_ptr_array_sort (themes, compare_theme_latest);

  if (other != NULL)
    g_ptr_array_add (themes, other);

  if (!with_articles)
    return g_steal_pointer (&themes);

  for (guint i = 0; i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      gint64 *key = g_new (gint64, 1);

      *key = story_theme_get_id (theme);
      g_hash_table_insert (by_id, key, theme);
    }

  {
    g_autoptr(GHashTable) lists = g_hash_table_new_full (NULL, NULL, NULL,
                                                         (GDestroyNotify)g_ptr_array_unref);
    g_autoptr(GPtrArray) all = NULL;
    GHashTableIter iter;
    gpointer key, value;

    stmt = get_statement (self,
                          "SELECT " ARTICLE_COLUMNS ARTICLE_FROM
                          "WHERE (?1 = 0 OR a.read = 0) AND (?2 = 0 OR a.starred = 1) "
                          "ORDER BY a.sort_time DESC, a.id DESC",
                          error);
    if (stmt == NULL)
      return NULL;

    sqlite3_bind_int (stmt, 1, filter == STORY_ARTICLE_FILTER_UNREAD);
    sqlite3_bind_int (stmt, 2, filter == STORY_ARTICLE_FILTER_STARRED);

    all = collect_articles (self, stmt, error);
    if (all == NULL)
      return NULL;

    for (guint i = 0; i < all->len; i++)
      {
        StoryArticle *article = g_ptr_array_index (all, i);
        gint64 theme_id = story_article_get_theme_id (article);
        StoryTheme *theme = g_hash_table_lookup (by_id, &theme_id);
        GPtrArray *list;

        if (theme == NULL)
          continue;

        list = g_hash_table_lookup (lists, theme);
        if (list == NULL)
          {
            list = g_ptr_array_new ();
            g_hash_table_insert (lists, theme, list);
          }
        g_ptr_array_add (list, article);
      }

    g_hash_table_iter_init (&iter, lists);
    while (g_hash_table_iter_next (&iter, &key, &value))
      story_theme_set_article_list (key, value);
  }

  return g_steal_pointer (&themes);
}

static gboolean
set_flag (StoryStore  *self,
          const char  *sql,
          gint64       article_id,
          gboolean     value,
          GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, value ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, article_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "article state");

  if (sqlite3_changes (self->db) == 0)
    {
      set_not_found (error, _("There is no article with id %s"), article_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
story_store_set_read (StoryStore  *self,
                      gint64       article_id,
                      gboolean     read,
                      GError     **error)
{
  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  return set_flag (self, "UPDATE articles SET read = ? WHERE id = ?", article_id, read, error);
}

gboolean
story_store_set_starred (StoryStore  *self,
                         gint64       article_id,
                         gboolean     starred,
                         GError     **error)
{
  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  return set_flag (self, "UPDATE articles SET starred = ? WHERE id = ?", article_id, starred,
                   error);
}

/**
 * story_store_list_theme_page:
 * @theme_id: the theme, or %STORY_THEME_ID_NONE for the articles without one
 * @filter: which articles count
 * @after: (nullable): the last article the caller has; %NULL for the first page
 * @limit: at most this many
 *
 * A theme's articles a page at a time, newest first, for a sidebar that
 * never holds them all. Pages follow the last article the caller has, not
 * a count, so an article marked read meanwhile (under the Unread filter)
 * does not shift the next page.
 *
 * Returns: (transfer full) (element-type StoryArticle): the articles as headlines:
 *   without bodies, remote ids, links, authors, image or tags, and with a summary
 *   only when they have no title
 */
GPtrArray *
story_store_list_theme_page (StoryStore          *self,
                             gint64               theme_id,
                             StoryArticleFilter   filter,
                             StoryArticle        *after,
                             guint                limit,
                             GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);
  g_return_val_if_fail (after == NULL || STORY_IS_ARTICLE (after), NULL);

  locker = g_mutex_locker_new (&self->lock);

  /* theme_id IS ?: NULL for the articles without a theme, and it still
   * searches articles_by_theme_state. */
  stmt = get_statement (self,
                        "SELECT " HEADLINE_COLUMNS ARTICLE_FROM
                        "WHERE a.theme_id IS nullif(?1, 0) "
                        "AND (?2 = 0 OR a.read = 0) AND (?3 = 0 OR a.starred = 1) "
                        "AND (?4 = 0 OR (a.sort_time, a.id) < "
                        "     (SELECT sort_time, id FROM articles WHERE id = ?4)) "
                        "ORDER BY a.sort_time DESC, a.id DESC LIMIT ?5",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, theme_id);
  sqlite3_bind_int (stmt, 2, filter == STORY_ARTICLE_FILTER_UNREAD);
  sqlite3_bind_int (stmt, 3, filter == STORY_ARTICLE_FILTER_STARRED);
  sqlite3_bind_int64 (stmt, 4, after != NULL ? story_article_get_id (after) : 0);
  sqlite3_bind_int64 (stmt, 5, limit > 0 ? (gint64)limit : -1);

  return collect_articles (self, stmt, error);
}

/**
 * story_store_mark_all_read:
 * @filter: which articles: all, unread (the same) or only the starred ones
 * @marked_ids: (element-type gint64): receives the ids it marks, for an undo
 *
 * Marks every unread article that @filter lists as read, in one statement,
 * whether or not a list has loaded it.
 */
gboolean
story_store_mark_all_read (StoryStore          *self,
                           StoryArticleFilter   filter,
                           GArray              *marked_ids,
                           GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (marked_ids != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "UPDATE articles SET read = 1 WHERE read = 0 AND (?1 = 0 OR starred = 1) "
                        "RETURNING id",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, filter == STORY_ARTICLE_FILTER_STARRED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (marked_ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "mark all read");

  return TRUE;
}

void
story_pending_change_free (StoryPendingChange *change)
{
  if (change == NULL)
    return;

  g_free (change->remote_id);
  g_free (change);
}

/**
 * story_store_list_pending_changes:
 *
 * The read and starred changes made here to a two-way source's articles
 * that the service has not been told of yet, oldest first.
 *
 * Returns: (transfer full) (element-type StoryPendingChange): the changes
 */
GPtrArray *
story_store_list_pending_changes (StoryStore  *self,
                                  gint64       source_id,
                                  GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_statement (self,
                        "SELECT id, remote_id, field, value FROM pending_changes "
                        "WHERE source_id = ? ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)story_pending_change_free);
  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoryPendingChange *change = g_new0 (StoryPendingChange, 1);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->remote_id = g_strdup (column_text (stmt, 1));
      change->field = sqlite3_column_int (stmt, 2) == 0 ? STORY_CHANGE_READ
                                                       : STORY_CHANGE_STARRED;
      change->value = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "pending changes");
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/**
 * story_store_remove_pending_changes:
 * @up_to_id: the id of the last change the service took
 *
 * Forgets the changes of @source_id up to @up_to_id, once sent.
 */
gboolean
story_store_remove_pending_changes (StoryStore  *self,
                                    gint64       source_id,
                                    gint64       up_to_id,
                                    GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = get_statement (self, "DELETE FROM pending_changes WHERE source_id = ? AND id <= ?",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, up_to_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "pending changes");
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
apply_remote_flag_locked (StoryStore    *self,
                          const char    *sql,
                          gint64         source_id,
                          const char    *remote_id,
                          gboolean       value,
                          GError       **error)
{
  sqlite3_stmt *stmt = get_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, value ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, source_id);
  bind_text (stmt, 3, remote_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "remote state");
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * story_store_apply_remote_state:
 * @articles: (element-type StoryArticle): articles of @source_id as the
 *   service sent them, with its read and starred state
 *
 * Takes the service's read and starred state for stored articles, except
 * where a change made here is still waiting to be sent: the newer change
 * wins. None of this is queued to be sent back.
 */
gboolean
story_store_apply_remote_state (StoryStore  *self,
                                gint64       source_id,
                                GPtrArray   *articles,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->applying_remote = TRUE;
  for (guint i = 0; i < articles->len && ok; i++)
    {
      StoryArticle *article = g_ptr_array_index (articles, i);
      const char *remote_id = story_article_get_remote_id (article);

      if (remote_id == NULL)
        continue;

      ok = apply_remote_flag_locked (self,
                                     "UPDATE articles SET read = ?1 "
                                     "WHERE source_id = ?2 AND remote_id = ?3 AND read != ?1 "
                                     "AND NOT EXISTS (SELECT 1 FROM pending_changes p "
                                     "WHERE p.source_id = ?2 AND p.remote_id = ?3 "
                                     "AND p.field = 0)",
                                     source_id, remote_id, story_article_get_read (article),
                                     error) &&
           apply_remote_flag_locked (self,
                                     "UPDATE articles SET starred = ?1 "
                                     "WHERE source_id = ?2 AND remote_id = ?3 AND starred != ?1 "
                                     "AND NOT EXISTS (SELECT 1 FROM pending_changes p "
                                     "WHERE p.source_id = ?2 AND p.remote_id = ?3 "
                                     "AND p.field = 1)",
                                     source_id, remote_id, story_article_get_starred (article),
                                     error);
    }
  self->applying_remote = FALSE;

  if (ok && exec_sql (self, "COMMIT", error))
    return TRUE;

  exec_sql (self, "ROLLBACK", NULL);
  return FALSE;
}

/* Asynchronous API: the same work, on the store's worker thread. */

static void
queue_job (StoryStore       *self,
           GTask            *task,
           StoryStoreWorker  worker)
{
  StoryStoreJob *job = g_new0 (StoryStoreJob, 1);

  job->task = task;
  job->worker = worker;
  g_mutex_lock (&self->reader_lock);
  self->n_queued++;
  g_mutex_unlock (&self->reader_lock);
  g_thread_pool_push (self->pool, job, NULL);
}

/* The read-only store beside @self, made on first use; its connection is opened by its
 * own thread (open_reader()). %NULL for a store that is itself a reader. */
static StoryStore *
ensure_reader (StoryStore *self)
{
  if (self->reader == NULL && !self->is_reader)
    {
      self->reader = g_object_new (STORY_TYPE_STORE, NULL);
      self->reader->is_reader = TRUE;
      self->reader->path = g_strdup (self->path);
      self->reader->busy_timeout_ms = self->busy_timeout_ms;
    }

  return self->reader;
}

/* On the reader's thread: opens its connection the first time. The writer has made the
 * file and brought its schema up to date already, so no pragmas and no migration;
 * reading the schema tells a file that cannot be read. Returns whether it is open. */
static gboolean
open_reader (StoryStore *reader)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;

  locker = g_mutex_locker_new (&reader->lock);
  if (reader->db != NULL || reader->reader_failed)
    return reader->db != NULL;

  if (sqlite3_open_v2 (reader->path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (reader->db, reader->busy_timeout_ms) != SQLITE_OK ||
      !exec_sql (reader, "SELECT count(*) FROM sqlite_master", &error))
    {
      g_debug ("Reading on the store's own connection: %s",
               error != NULL ? error->message : sqlite3_errmsg (reader->db));
      g_clear_pointer (&reader->db, sqlite3_close);
      reader->reader_failed = TRUE;
      return FALSE;
    }

  return TRUE;
}

/* Queues a job that only reads: on the read-only connection's thread, never behind a
 * sync's writes, which run on other threads. With @after_queued, it also waits for the
 * jobs already queued on the store's own thread (the UI reads what it has just written). */
static void
queue_read_job (StoryStore       *self,
                GTask            *task,
                StoryStoreWorker  worker,
                gboolean          after_queued)
{
  StoryStoreJob *job;
  StoryStore *reader;

  g_mutex_lock (&self->reader_lock);
  reader = ensure_reader (self);
  if (reader == NULL)
    {
      g_mutex_unlock (&self->reader_lock);
      queue_job (self, task, worker);
      return;
    }

  job = g_new0 (StoryStoreJob, 1);
  job->task = task;
  job->worker = worker;
  job->reader = reader;
  job->after = after_queued ? self->n_queued : 0;
  g_mutex_unlock (&self->reader_lock);

  g_thread_pool_push (reader->pool, job, NULL);
}

static void
return_ptr_array (GTask     *task,
                  GPtrArray *array,
                  GError    *error)
{
  if (array == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, array, (GDestroyNotify)g_ptr_array_unref);
}

typedef struct
{
  StoryArticleFilter  filter;
  GHashTable         *page_sizes;  /* (nullable): theme id (gint64 *) → headlines to list */
} ListThemesData;

static void
list_themes_data_free (ListThemesData *data)
{
  g_clear_pointer (&data->page_sizes, g_hash_table_unref);
  g_free (data);
}

static void
list_themes_worker (StoryStore *self,
                    GTask      *task,
                    gpointer    task_data)
{
  ListThemesData *data = task_data;
  g_autoptr(GPtrArray) themes = NULL;
  GError *error = NULL;
  gboolean snapshot;

  /* On the read-only connection (only its own thread uses it), the counts and the pages
   * come from one snapshot of the cache, even while a sync writes. */
  snapshot = self->is_reader && exec_sql (self, "BEGIN", NULL);

  /* Counts for every theme, but only the first page of each one's articles (or as many
   * as the sidebar had loaded): a sidebar of 100,000 headlines starts as fast as one of
   * 1,000. */
  themes = story_store_list_themes_filtered (self, data->filter, FALSE, &error);
  for (guint i = 0; themes != NULL && i < themes->len; i++)
    {
      StoryTheme *theme = g_ptr_array_index (themes, i);
      gint64 id = story_theme_get_id (theme);
      guint limit = STORY_THEME_FIRST_PAGE;
      g_autoptr(GPtrArray) page = NULL;

      if (data->page_sizes != NULL)
        limit = MAX (limit, GPOINTER_TO_UINT (g_hash_table_lookup (data->page_sizes, &id)));

      page = story_store_list_theme_page (self, id, data->filter, NULL, limit, &error);
      if (page == NULL)
        {
          g_clear_pointer (&themes, g_ptr_array_unref);
          break;
        }
      story_theme_set_article_list (theme, page);
    }
  if (snapshot)
    exec_sql (self, "COMMIT", NULL);

  return_ptr_array (task, g_steal_pointer (&themes), error);
}

void
story_store_list_themes_async (StoryStore          *self,
                               StoryArticleFilter   filter,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  story_store_list_themes_sized_async (self, filter, NULL, cancellable, callback, user_data);
}

/**
 * story_store_list_themes_sized_async:
 * @page_sizes: (nullable) (element-type gint64 guint): per theme id (a `gint64 *` key), how
 *   many of its newest headlines to list when that is more than %STORY_THEME_FIRST_PAGE
 *
 * Like story_store_list_themes_async(), but a theme in @page_sizes lists that many
 * headlines: a sidebar that reloads keeps the headlines it had loaded (and the rows it
 * built for them) instead of going back to each theme's first page. Finish it with
 * story_store_list_themes_finish().
 */
void
story_store_list_themes_sized_async (StoryStore          *self,
                                     StoryArticleFilter   filter,
                                     GHashTable          *page_sizes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ListThemesData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  data = g_new0 (ListThemesData, 1);
  data->filter = filter;
  if (page_sizes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* A copy: the worker reads it while the caller may go on changing its own. */
      data->page_sizes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, page_sizes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (data->page_sizes, g_memdup2 (key, sizeof (gint64)), value);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_list_themes_async);
  g_task_set_task_data (task, data, (GDestroyNotify)list_themes_data_free);
  queue_read_job (self, task, list_themes_worker, TRUE);
}

/**
 * story_store_list_themes_finish:
 *
 * Returns: (transfer full) (element-type StoryTheme): the themes with their articles
 */
GPtrArray *
story_store_list_themes_finish (StoryStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  StoryArticle *article;
  GPtrArray    *related;
} ArticleResult;

static void
article_result_free (ArticleResult *result)
{
  g_clear_object (&result->article);
  g_clear_pointer (&result->related, g_ptr_array_unref);
  g_free (result);
}

static void
get_article_worker (StoryStore *self,
                    GTask      *task,
                    gpointer    task_data)
{
  gint64 article_id = *(gint64 *)task_data;
  ArticleResult *result = g_new0 (ArticleResult, 1);
  GError *error = NULL;

  result->article = story_store_get_article (self, article_id, &error);
  if (result->article != NULL)
    result->related = story_store_list_related (self, article_id, 20, &error);

  if (result->article == NULL || result->related == NULL)
    {
      article_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)article_result_free);
}

/* Loads an article with its body and its "More on this theme" list. While a sync holds
 * the store, read and starred may not show a change still queued. */
void
story_store_get_article_async (StoryStore          *self,
                               gint64               article_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_get_article_async);
  g_task_set_task_data (task, g_memdup2 (&article_id, sizeof article_id), g_free);
  /* On the store's own thread, in order after the writes queued before it (opening an
   * article marks it read first), while nothing else holds the store. While something
   * does (a sync loading the clusterer can for seconds, and the article would wait for
   * it behind the read mark), on the read-only connection instead, without waiting: the
   * caller knows the state it asked for. (Always reading there made the usual opens
   * slower under Xvfb's software renderer; see benchmarks/README.md.) */
  if (g_mutex_trylock (&self->lock))
    {
      g_mutex_unlock (&self->lock);
      queue_job (self, task, get_article_worker);
    }
  else
    queue_read_job (self, task, get_article_worker, FALSE);
}

/**
 * story_store_get_article_finish:
 * @related: (out) (transfer full) (optional) (element-type StoryArticle): the
 *   other articles of its theme
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
StoryArticle *
story_store_get_article_finish (StoryStore    *self,
                                GAsyncResult  *result,
                                GPtrArray    **related,
                                GError       **error)
{
  ArticleResult *article_result;
  StoryArticle *article;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  article_result = g_task_propagate_pointer (G_TASK (result), error);
  if (article_result == NULL)
    return NULL;

  article = g_steal_pointer (&article_result->article);
  if (related != NULL)
    *related = g_steal_pointer (&article_result->related);
  article_result_free (article_result);

  return article;
}

static void
list_sources_worker (StoryStore *self,
                     GTask      *task,
                     gpointer    task_data)
{
  GError *error = NULL;

  return_ptr_array (task, story_store_list_sources (self, &error), error);
}

void
story_store_list_sources_async (StoryStore          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_list_sources_async);
  queue_read_job (self, task, list_sources_worker, TRUE);
}

/**
 * story_store_list_sources_finish:
 *
 * Returns: (transfer full) (element-type StorySource): the sources
 */
GPtrArray *
story_store_list_sources_finish (StoryStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *kind;
  char *url;
  char *title;
} AddSourceData;

static void
add_source_data_free (AddSourceData *data)
{
  g_free (data->kind);
  g_free (data->url);
  g_free (data->title);
  g_free (data);
}

static void
add_source_worker (StoryStore *self,
                   GTask      *task,
                   gpointer    task_data)
{
  AddSourceData *data = task_data;
  GError *error = NULL;
  StorySource *source;

  source = story_store_add_source (self, data->kind, data->url, data->title, &error);
  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, g_object_unref);
}

void
story_store_add_source_async (StoryStore          *self,
                              const char          *kind,
                              const char          *url,
                              const char          *title,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AddSourceData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (url != NULL);

  data = g_new0 (AddSourceData, 1);
  data->kind = g_strdup (kind);
  data->url = g_strdup (url);
  data->title = g_strdup (title);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_add_source_async);
  g_task_set_task_data (task, data, (GDestroyNotify)add_source_data_free);
  queue_job (self, task, add_source_worker);
}

/**
 * story_store_add_source_finish:
 *
 * Returns: (transfer full): the new source, or %NULL with @error set
 */
StorySource *
story_store_add_source_finish (StoryStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64   article_id;
  gboolean value;
} FlagData;

static void
set_read_worker (StoryStore *self,
                 GTask      *task,
                 gpointer    task_data)
{
  FlagData *data = task_data;
  GError *error = NULL;

  if (story_store_set_read (self, data->article_id, data->value, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
story_store_set_read_async (StoryStore          *self,
                            gint64               article_id,
                            gboolean             read,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  FlagData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  data = g_new0 (FlagData, 1);
  data->article_id = article_id;
  data->value = read;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_set_read_async);
  g_task_set_task_data (task, data, g_free);
  queue_job (self, task, set_read_worker);
}

gboolean
story_store_set_read_finish (StoryStore    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
set_source_load_remote_worker (StoryStore *self,
                               GTask      *task,
                               gpointer    task_data)
{
  FlagData *data = task_data;
  GError *error = NULL;

  if (story_store_set_source_load_remote (self, data->article_id, data->value, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
story_store_set_source_load_remote_async (StoryStore          *self,
                                          gint64               source_id,
                                          gboolean             load_remote,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  FlagData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  /* FlagData's id field carries the source id here. */
  data = g_new0 (FlagData, 1);
  data->article_id = source_id;
  data->value = load_remote;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_set_source_load_remote_async);
  g_task_set_task_data (task, data, g_free);
  queue_job (self, task, set_source_load_remote_worker);
}

gboolean
story_store_set_source_load_remote_finish (StoryStore    *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
search_worker (StoryStore *self,
               GTask      *task,
               gpointer    task_data)
{
  GError *error = NULL;

  return_ptr_array (task, story_store_search (self, task_data, 200, &error), error);
}

/* Searches on the store's thread; see story_store_search(). */
void
story_store_search_async (StoryStore          *self,
                          const char          *text,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_search_async);
  g_task_set_task_data (task, g_strdup (text), g_free);
  queue_read_job (self, task, search_worker, TRUE);
}

/**
 * story_store_search_finish:
 *
 * Returns: (transfer full) (element-type StoryArticle): the matches, best first
 */
GPtrArray *
story_store_search_finish (StoryStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_starred_worker (StoryStore *self,
                    GTask      *task,
                    gpointer    task_data)
{
  FlagData *data = task_data;
  GError *error = NULL;

  if (story_store_set_starred (self, data->article_id, data->value, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
story_store_set_starred_async (StoryStore          *self,
                               gint64               article_id,
                               gboolean             starred,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FlagData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  data = g_new0 (FlagData, 1);
  data->article_id = article_id;
  data->value = starred;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_set_starred_async);
  g_task_set_task_data (task, data, g_free);
  queue_job (self, task, set_starred_worker);
}

gboolean
story_store_set_starred_finish (StoryStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * story_store_set_read_many:
 * @article_ids: (element-type gint64): the articles
 *
 * Sets the read state of many articles in one transaction (mark all as
 * read, and its undo).
 */
gboolean
story_store_set_read_many (StoryStore  *self,
                           GArray      *article_ids,
                           gboolean     read,
                           GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (article_ids != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = get_statement (self, "UPDATE articles SET read = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto rollback;

  for (guint i = 0; i < article_ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, read ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, g_array_index (article_ids, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (error, self->db, "read state");
          goto rollback;
        }
    }
  sqlite3_reset (stmt);

  if (exec_sql (self, "COMMIT", error))
    return TRUE;

rollback:
  exec_sql (self, "ROLLBACK", NULL);
  return FALSE;
}

typedef struct
{
  GArray   *article_ids;
  gboolean  read;
} ReadManyData;

static void
read_many_data_free (ReadManyData *data)
{
  g_array_unref (data->article_ids);
  g_free (data);
}

static void
set_read_many_worker (StoryStore *self,
                      GTask      *task,
                      gpointer    task_data)
{
  ReadManyData *data = task_data;
  GError *error = NULL;

  if (story_store_set_read_many (self, data->article_ids, data->read, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
story_store_set_read_many_async (StoryStore          *self,
                                 GArray              *article_ids,
                                 gboolean             read,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ReadManyData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (article_ids != NULL);

  data = g_new0 (ReadManyData, 1);
  data->article_ids = g_array_ref (article_ids);
  data->read = read;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_set_read_many_async);
  g_task_set_task_data (task, data, (GDestroyNotify)read_many_data_free);
  queue_job (self, task, set_read_many_worker);
}

gboolean
story_store_set_read_many_finish (StoryStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Following and muting themes, and the reader's theme edits on the store's thread. */

static gboolean
update_theme_locked (StoryStore  *self,
                     const char  *sql,
                     gint64       theme_id,
                     gint64       value,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, theme_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (error, self->db, "theme state");
  sqlite3_reset (stmt);

  if (sqlite3_changes (self->db) == 0)
    return set_not_found (error, _("There is no theme with id %s"), theme_id);

  return TRUE;
}

/**
 * story_store_set_theme_followed:
 * @followed: whether new articles in the theme should be announced
 *
 * Follows or stops following a theme. The choice stays with the theme when
 * the stories are built again.
 */
gboolean
story_store_set_theme_followed (StoryStore  *self,
                                gint64       theme_id,
                                gboolean     followed,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  return update_theme_locked (self, "UPDATE themes SET followed = ?1 WHERE id = ?2", theme_id,
                              followed ? 1 : 0, error);
}

/**
 * story_store_mute_theme:
 * @until: unix time until which the theme is muted,
 *   %STORY_THEME_MUTED_FOREVER for good, or 0 to unmute it
 *
 * Mutes a theme: story_store_list_themes() leaves it and its counts out
 * until @until.
 */
gboolean
story_store_mute_theme (StoryStore  *self,
                        gint64       theme_id,
                        gint64       until,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STORY_IS_STORE (self), FALSE);
  g_return_val_if_fail (until >= 0, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  return update_theme_locked (self, "UPDATE themes SET muted_until = nullif (?1, 0) WHERE id = ?2",
                              theme_id, until, error);
}

/**
 * story_store_list_muted_themes:
 *
 * Returns: (transfer full) (element-type StoryTheme): the themes muted now,
 *   with their labels, follow state and how long they stay muted; no counts
 *   and no articles
 */
GPtrArray *
story_store_list_muted_themes (StoryStore  *self,
                               GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT id, label, followed, muted_until FROM themes "
                        "WHERE muted_until > ?1 ORDER BY label COLLATE NOCASE, id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoryTheme *theme = story_theme_new ();

      story_theme_set_id (theme, sqlite3_column_int64 (stmt, 0));
      story_theme_set_label (theme, column_text (stmt, 1));
      story_theme_set_followed (theme, sqlite3_column_int (stmt, 2));
      story_theme_set_muted_until (theme, sqlite3_column_int64 (stmt, 3));
      g_ptr_array_add (themes, theme);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, "muted themes");
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&themes);
}

/**
 * story_store_list_new_in_followed:
 * @since: unix time; articles first seen at or after it count as new
 *
 * What a "new in the stories you follow" notification needs after a sync:
 * the articles first seen since @since in followed themes that are not
 * muted, each with its theme's id and label, grouped by theme (the most
 * recently active first) and newest first within one.
 *
 * Returns: (transfer full) (element-type StoryArticle): the articles
 */
GPtrArray *
story_store_list_new_in_followed (StoryStore  *self,
                                  gint64       since,
                                  GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (STORY_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_statement (self,
                        "SELECT " ARTICLE_COLUMNS ARTICLE_FROM
                        "WHERE t.followed = 1 AND a.first_seen >= ?1 "
                        "AND (t.muted_until IS NULL OR t.muted_until <= ?2) "
                        "ORDER BY max (a.sort_time) OVER (PARTITION BY a.theme_id) DESC, "
                        "a.theme_id, a.sort_time DESC, a.id DESC",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);

  return collect_articles (self, stmt, error);
}

typedef enum
{
  THEME_EDIT_RENAME,
  THEME_EDIT_MOVE_OUT,
  THEME_EDIT_MERGE,
  THEME_EDIT_FOLLOW,
  THEME_EDIT_MUTE,
} ThemeEditKind;

typedef struct
{
  ThemeEditKind  kind;
  gint64         id;      /* the theme; the article for THEME_EDIT_MOVE_OUT */
  gint64         value;   /* the theme merged in, followed, or muted until */
  char          *label;
} ThemeEdit;

static void
theme_edit_free (ThemeEdit *edit)
{
  g_free (edit->label);
  g_free (edit);
}

static void
theme_edit_worker (StoryStore *self,
                   GTask      *task,
                   gpointer    task_data)
{
  ThemeEdit *edit = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (edit->kind)
    {
    case THEME_EDIT_RENAME:
      ok = story_store_rename_theme (self, edit->id, edit->label, &error);
      break;

    case THEME_EDIT_MOVE_OUT:
      ok = story_store_move_out_of_theme (self, edit->id, &error);
      break;

    case THEME_EDIT_MERGE:
      ok = story_store_merge_themes (self, edit->id, edit->value, &error);
      break;

    case THEME_EDIT_FOLLOW:
      ok = story_store_set_theme_followed (self, edit->id, edit->value != 0, &error);
      break;

    case THEME_EDIT_MUTE:
      ok = story_store_mute_theme (self, edit->id, edit->value, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

typedef struct
{
  gint64              theme_id;
  StoryArticleFilter  filter;
  StoryArticle       *after;
  guint               limit;
} ThemePageData;

static void
theme_page_data_free (ThemePageData *data)
{
  g_clear_object (&data->after);
  g_free (data);
}

static void
list_theme_page_worker (StoryStore *self,
                        GTask      *task,
                        gpointer    task_data)
{
  ThemePageData *data = task_data;
  GError *error = NULL;

  return_ptr_array (task, story_store_list_theme_page (self, data->theme_id, data->filter,
                                                       data->after, data->limit, &error),
                    error);
}

void
story_store_list_theme_page_async (StoryStore          *self,
                                   gint64               theme_id,
                                   StoryArticleFilter   filter,
                                   StoryArticle        *after,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  ThemePageData *data;

  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (after == NULL || STORY_IS_ARTICLE (after));

  data = g_new0 (ThemePageData, 1);
  data->theme_id = theme_id;
  data->filter = filter;
  data->after = after != NULL ? g_object_ref (after) : NULL;
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_list_theme_page_async);
  g_task_set_task_data (task, data, (GDestroyNotify)theme_page_data_free);
  queue_read_job (self, task, list_theme_page_worker, TRUE);
}

/**
 * story_store_list_theme_page_finish:
 *
 * Returns: (transfer full) (element-type StoryArticle): the page
 */
GPtrArray *
story_store_list_theme_page_finish (StoryStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  StoryArticleFilter  filter;
  GArray             *marked_ids;
} MarkAllData;

static void
mark_all_data_free (MarkAllData *data)
{
  g_array_unref (data->marked_ids);
  g_free (data);
}

static void
mark_all_read_worker (StoryStore *self,
                      GTask      *task,
                      gpointer    task_data)
{
  MarkAllData *data = task_data;
  GError *error = NULL;

  if (story_store_mark_all_read (self, data->filter, data->marked_ids, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
queue_theme_edit (StoryStore          *self,
                  ThemeEdit           *edit,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, edit, (GDestroyNotify)theme_edit_free);
  queue_job (self, task, theme_edit_worker);
}

static ThemeEdit *
theme_edit_new (ThemeEditKind kind,
                gint64        id,
                gint64        value)
{
  ThemeEdit *edit = g_new0 (ThemeEdit, 1);

  edit->kind = kind;
  edit->id = id;
  edit->value = value;

  return edit;
}

static gboolean
theme_edit_finish (StoryStore    *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Renames a theme on the store's thread; see story_store_rename_theme(). */
void
story_store_rename_theme_async (StoryStore          *self,
                                gint64               theme_id,
                                const char          *label,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ThemeEdit *edit;

  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (label != NULL);

  edit = theme_edit_new (THEME_EDIT_RENAME, theme_id, 0);
  edit->label = g_strdup (label);
  queue_theme_edit (self, edit, story_store_rename_theme_async, cancellable, callback, user_data);
}

gboolean
story_store_rename_theme_finish (StoryStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return theme_edit_finish (self, result, story_store_rename_theme_async, error);
}

/* See story_store_move_out_of_theme(). */
void
story_store_move_out_of_theme_async (StoryStore          *self,
                                     gint64               article_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (STORY_IS_STORE (self));

  queue_theme_edit (self, theme_edit_new (THEME_EDIT_MOVE_OUT, article_id, 0),
                    story_store_move_out_of_theme_async, cancellable, callback, user_data);
}

gboolean
story_store_move_out_of_theme_finish (StoryStore    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return theme_edit_finish (self, result, story_store_move_out_of_theme_async, error);
}

/* See story_store_merge_themes(). */
void
story_store_merge_themes_async (StoryStore          *self,
                                gint64               into_id,
                                gint64               from_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (STORY_IS_STORE (self));

  queue_theme_edit (self, theme_edit_new (THEME_EDIT_MERGE, into_id, from_id),
                    story_store_merge_themes_async, cancellable, callback, user_data);
}

gboolean
story_store_merge_themes_finish (StoryStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return theme_edit_finish (self, result, story_store_merge_themes_async, error);
}

/* See story_store_set_theme_followed(). */
void
story_store_set_theme_followed_async (StoryStore          *self,
                                      gint64               theme_id,
                                      gboolean             followed,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (STORY_IS_STORE (self));

  queue_theme_edit (self, theme_edit_new (THEME_EDIT_FOLLOW, theme_id, followed ? 1 : 0),
                    story_store_set_theme_followed_async, cancellable, callback, user_data);
}

gboolean
story_store_set_theme_followed_finish (StoryStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return theme_edit_finish (self, result, story_store_set_theme_followed_async, error);
}

/* See story_store_mute_theme(). */
void
story_store_mute_theme_async (StoryStore          *self,
                              gint64               theme_id,
                              gint64               until,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (until >= 0);

  queue_theme_edit (self, theme_edit_new (THEME_EDIT_MUTE, theme_id, until),
                    story_store_mute_theme_async, cancellable, callback, user_data);
}

gboolean
story_store_mute_theme_finish (StoryStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return theme_edit_finish (self, result, story_store_mute_theme_async, error);
}

static void
shared_terms_worker (StoryStore *self,
                     GTask      *task,
                     gpointer    task_data)
{
  gint64 article_id = *(gint64 *)task_data;
  GError *error = NULL;
  char **terms;

  terms = story_store_dup_shared_terms (self, article_id, 5, &error);
  if (terms == NULL && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, terms, (GDestroyNotify)g_strfreev);
}

/* Finds why an article is in its theme, off the main thread; at most five
 * words. See story_store_dup_shared_terms(). */
void
story_store_dup_shared_terms_async (StoryStore          *self,
                                    gint64               article_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_dup_shared_terms_async);
  g_task_set_task_data (task, g_memdup2 (&article_id, sizeof article_id), g_free);
  queue_job (self, task, shared_terms_worker);
}

/**
 * story_store_dup_shared_terms_finish:
 *
 * Returns: (transfer full) (nullable): the words, %NULL-terminated; %NULL
 *   without @error set when the article shares its theme with no other
 */
char **
story_store_dup_shared_terms_finish (StoryStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_muted_themes_worker (StoryStore *self,
                          GTask      *task,
                          gpointer    task_data)
{
  GError *error = NULL;

  return_ptr_array (task, story_store_list_muted_themes (self, &error), error);
}

/* See story_store_list_muted_themes(). */
void
story_store_list_muted_themes_async (StoryStore          *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_list_muted_themes_async);
  queue_job (self, task, list_muted_themes_worker);
}

/**
 * story_store_list_muted_themes_finish:
 *
 * Returns: (transfer full) (element-type StoryTheme): the muted themes
 */
GPtrArray *
story_store_list_muted_themes_finish (StoryStore    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
/**
 * story_store_mark_all_read_async:
 * @marked_ids: (element-type gint64): receives the ids, on the store's thread
 *
 * The store's jobs run in order, so @marked_ids may be handed to a later
 * job, such as story_store_set_read_many_async() for an undo, before this
 * one finishes: that job sees it filled. Until then only the store touches it.
 */
void
story_store_mark_all_read_async (StoryStore          *self,
                                 StoryArticleFilter   filter,
                                 GArray              *marked_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  MarkAllData *data;
  GTask *task;

  g_return_if_fail (STORY_IS_STORE (self));
  g_return_if_fail (marked_ids != NULL);

  data = g_new0 (MarkAllData, 1);
  data->filter = filter;
  data->marked_ids = g_array_ref (marked_ids);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_store_mark_all_read_async);
  g_task_set_task_data (task, data, (GDestroyNotify)mark_all_data_free);
  queue_job (self, task, mark_all_read_worker);
}

gboolean
story_store_mark_all_read_finish (StoryStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
