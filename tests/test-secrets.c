/* test-secrets.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Issue 9, "Secrets": no secret can be found anywhere Storyline writes.
 *
 * storyline-cli subscribes to and syncs sources whose servers demand a
 * secret (HTTP 401 without it), with every debug message on
 * (G_MESSAGES_DEBUG=all), a GSettings backend writing to a file and its
 * home, data, cache and config directories in a folder of the test's own.
 * The sync must succeed (the secret reached the server); then every line
 * it printed or logged, the database and its journal, the GSettings file
 * and every other file it wrote are searched for each secret, as given and
 * as it travels (percent-encoded in an address, base64-encoded in an
 * Authorization header): nothing may be found. The secrets live in the
 * desktop keyring, a throwaway one that build-aux/keyring-session starts;
 * without it the keyring tests skip.
 *
 * The cases are a table: a new kind of account adds a row saying how its
 * server checks the secret and how the CLI subscribes to it. */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "story-secrets.h"
#include "story-store.h"
#include "story-sync-manager.h"
#include "story-util.h"

#define PASSWORD            "hunter2-Storyline-4f7c"
#define WRONG_PASSWORD      "not-it-Storyline-91d2"
#define TOKEN               "tok-Storyline-0b3e55"
#define TOKEN_SECRET        "tok-secret-Storyline-77aa"
#define ODD_PASSWORD        "odd@Storyline:5e1d"
#define ODD_PASSWORD_IN_URL "odd%40Storyline%3A5e1d"
#define OPML_PASSWORD       "opml-Storyline-2b9f"
#define LEGACY_PASSWORD     "legacy-Storyline-c0de"
#define GUARDIAN_KEY        "gu-key-Storyline-31a7"
#define NEWSAPI_KEY         "na-key-Storyline-8e24"
#define MINIFLUX_KEY        "mf-key-Storyline-d56b"
#define PAGE_PASSWORD       "page-Storyline-7a41"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

typedef struct _Env Env;
typedef struct _SecretCase SecretCase;

/* One way a secret goes from the reader to a server. */
struct _SecretCase
{
  const char *name;
  const char *path;            /* on the loopback server, which demands the secret there */
  const char *user;            /* (nullable) */
  const char *secret;          /* what the server wants */
  const char *secret_in_url;   /* (nullable): how an address writes it, when not as is */
  const char *page;            /* (nullable): a page the server guards the same way, which
                                * links the feed by its full address */
  /* Whether @message carries the secret; else the server answers 401. */
  gboolean  (*authorized) (SoupServerMessage *message,
                           const SecretCase  *c);
  /* Subscribes through storyline-cli, as a reader would. */
  void      (*subscribe)  (Env               *env,
                           const SecretCase  *c);
  /* For an API account: its kind, the path its requests go to (when not
   * @path), and what it answers there; a JSON Feed otherwise. */
  const char *kind;
  const char *api_path;
  char      *(*answer)    (const SecretCase  *c);
};

struct _Env
{
  SoupServer *server;
  int         port;
  char       *home;
  char       *db;
  char       *outside;       /* files the test gives the CLI, not searched */
  char      **envp;
  GString    *everything;    /* every line any run printed or logged */
  GHashTable *n_authorized;  /* path → requests that carried the secret */
};

static gboolean
basic_authorized (SoupServerMessage *message,
                  const SecretCase  *c)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *expected = g_strdup_printf ("%s:%s", c->user, c->secret);
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  if (header == NULL || !g_str_has_prefix (header, "Basic "))
    return FALSE;

  decoded = g_base64_decode (header + strlen ("Basic "), &length);
  return length == strlen (expected) && memcmp (decoded, expected, length) == 0;
}

static char *
case_url (Env              *env,
          const SecretCase *c,
          gboolean          with_credentials)
{
  if (!with_credentials)
    return g_strdup_printf ("http://127.0.0.1:%d%s", env->port, c->path);

  return g_strdup_printf ("http://%s:%s@127.0.0.1:%d%s", c->user,
                          c->secret_in_url ? c->secret_in_url : c->secret, env->port, c->path);
}

/* The API key as a query parameter, in a header, or as Miniflux's token. */
static gboolean
query_key_authorized (SoupServerMessage *message,
                      const SecretCase  *c)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr(GHashTable) params = query ? soup_form_decode (query) : NULL;

  return params != NULL && g_strcmp0 (g_hash_table_lookup (params, "api-key"), c->secret) == 0;
}

static gboolean
header_key_authorized (SoupServerMessage *message,
                       const SecretCase  *c)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *name = g_str_equal (c->kind, "miniflux") ? "X-Auth-Token" : "X-Api-Key";

  return g_strcmp0 (soup_message_headers_get_one (headers, name), c->secret) == 0;
}

static char *
guardian_answer (const SecretCase *c)
{
  return g_strdup_printf ("{\"response\":{\"status\":\"ok\",\"pages\":1,\"results\":["
                          "{\"id\":\"members/1\",\"webTitle\":\"Members only: %s\","
                          "\"webUrl\":\"https://news.example/members/1\","
                          "\"fields\":{\"body\":\"<p>Hello, reader.</p>\"}}]}}", c->name);
}

static char *
newsapi_answer (const SecretCase *c)
{
  return g_strdup_printf ("{\"status\":\"ok\",\"totalResults\":1,\"articles\":["
                          "{\"title\":\"Members only: %s\",\"url\":\"https://news.example/n/1\","
                          "\"description\":\"Hello, reader.\"}]}", c->name);
}

static char *
miniflux_answer (const SecretCase *c)
{
  return g_strdup_printf ("{\"total\":1,\"entries\":[{\"id\":1,\"status\":\"unread\","
                          "\"title\":\"Members only: %s\",\"url\":\"https://news.example/m/1\","
                          "\"content\":\"<p>Hello, reader.</p>\"}]}", c->name);
}

static gboolean contains_bytes (const char *haystack, gsize length, const char *needle);
static void subscribe_address (Env *env, const SecretCase *c);
static void subscribe_opml    (Env *env, const SecretCase *c);
static void subscribe_legacy  (Env *env, const SecretCase *c);
static void subscribe_api_env (Env *env, const SecretCase *c);
static void subscribe_api_stdin (Env *env, const SecretCase *c);
static void subscribe_page    (Env *env, const SecretCase *c);

static const SecretCase cases[] = {
  { "feed address with a password", "/private/feed.json", "reader", PASSWORD, NULL, NULL,
    basic_authorized, subscribe_address },
  { "feed address with an encoded password", "/private/odd.json", "editor", ODD_PASSWORD,
    ODD_PASSWORD_IN_URL, NULL, basic_authorized, subscribe_address },
  { "web page address with a password, linking its feed", "/private/linked.json", "linker",
    PAGE_PASSWORD, NULL, "/private/page.html", basic_authorized, subscribe_page },
  { "feed address with a password, imported from OPML", "/private/opml.json", "importer",
    OPML_PASSWORD, NULL, NULL, basic_authorized, subscribe_opml },
  { "feed address an older version stored with its password", "/private/legacy.json", "old",
    LEGACY_PASSWORD, NULL, NULL, basic_authorized, subscribe_legacy },
  /* API accounts: the key given in STORYLINE_API_KEY or on stdin, never in argv. */
  { "Guardian API query, key from the environment", "/private/guardian/search", NULL,
    GUARDIAN_KEY, NULL, NULL, query_key_authorized, subscribe_api_env, "guardian", NULL,
    guardian_answer },
  { "NewsAPI query, key on stdin", "/private/newsapi/v2/top-headlines", NULL, NEWSAPI_KEY, NULL,
    NULL, header_key_authorized, subscribe_api_stdin, "newsapi", NULL, newsapi_answer },
  { "Miniflux account, key on stdin", "/private/miniflux/", NULL, MINIFLUX_KEY, NULL,
    NULL, header_key_authorized, subscribe_api_stdin, "miniflux", "/private/miniflux/v1/entries",
    miniflux_answer },
};

static const char * const other_secrets[] = { WRONG_PASSWORD, TOKEN, TOKEN_SECRET };

static char *
feed_for (const SecretCase *c)
{
  return g_strdup_printf ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"%s\","
                          "\"items\":[{\"id\":\"m1\",\"title\":\"Members only: %s\","
                          "\"url\":\"story-1.html\","
                          "\"content_text\":\"Hello, reader.\"},"
                          "{\"id\":\"m2\",\"title\":\"Second story\","
                          "\"content_text\":\"Still here.\"}]}", c->name, c->name);
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Env *env = user_data;
  const SecretCase *c = NULL;
  char *body;

  gboolean page = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (g_str_equal (path, cases[i].api_path ? cases[i].api_path : cases[i].path))
        c = &cases[i];
      if (g_strcmp0 (path, cases[i].page) == 0)
        {
          c = &cases[i];
          page = TRUE;
        }
    }

  if (c == NULL && g_str_has_prefix (path, "/private/"))
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  if (c != NULL && !c->authorized (message, c))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "WWW-Authenticate", "Basic realm=\"Storyline members\"");
      soup_server_message_set_status (message, 401, NULL);
      return;
    }

  if (page)
    {
      body = g_strdup_printf ("<!DOCTYPE html><html><head><title>Members</title>"
                              "<link rel=\"alternate\" type=\"application/feed+json\" "
                              "href=\"http://127.0.0.1:%d%s\"></head><body></body></html>",
                              env->port, c->path);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_TAKE, body,
                                        strlen (body));
      return;
    }

  if (c != NULL)
    g_hash_table_replace (env->n_authorized, (gpointer)c->path,
                          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                            env->n_authorized, c->path)) + 1));

  if (c != NULL && c->answer != NULL)
    body = c->answer (c);
  else
    body = c != NULL ? feed_for (c) : feed_for (&(SecretCase) { .name = "Open Desk" });
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

static guint
n_authorized (Env              *env,
              const SecretCase *c)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (env->n_authorized, c->path));
}

/* Everything a command printed, and its exit status. */
typedef struct
{
  char *out;
  char *err;
  int   status;
} Output;

static void
output_clear (Output *output)
{
  g_clear_pointer (&output->out, g_free);
  g_clear_pointer (&output->err, g_free);
}

/* Runs the CLI on a thread while this one serves: GLib's spawn API cannot
 * wait without blocking, and the server lives on this main context. */
typedef struct
{
  char       **argv;
  char       **envp;
  const char  *input;   /* (nullable): what the command reads on stdin */
  Output       output;
  gboolean     done;
} Run;

static gpointer
run_thread (gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;

  if (run->input != NULL)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;

      g_subprocess_launcher_set_environ (launcher, run->envp);
      process = g_subprocess_launcher_spawnv (launcher, (const char * const *)run->argv, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, run->input, NULL, &run->output.out,
                                                    &run->output.err, &error));
      g_assert_no_error (error);
      run->output.status = g_subprocess_get_exit_status (process);
      g_atomic_int_set (&run->done, TRUE);
      g_main_context_wakeup (NULL);
      return NULL;
    }

  g_assert_true (g_spawn_sync (NULL, run->argv, run->envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->output.out, &run->output.err, &run->output.status, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&run->done, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

static void
run_cli_with (Env         *env,
              char       **envp,
              const char  *input,
              Output      *output,
              va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GThread *thread;
  Run run = { 0 };
  const char *arg;

  g_ptr_array_add (argv, (gpointer)g_getenv ("STORYLINE_CLI"));
  g_ptr_array_add (argv, (gpointer)"--db");
  g_ptr_array_add (argv, env->db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  g_ptr_array_add (argv, NULL);

  run.argv = (char **)argv->pdata;
  run.envp = envp;
  run.input = input;
  thread = g_thread_new ("cli", run_thread, &run);
  while (!g_atomic_int_get (&run.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  g_string_append_printf (env->everything, "%s\n%s\n", run.output.out, run.output.err);
  *output = run.output;
}

/* Runs the CLI with more in its environment, or something on its stdin. */
static void
run_cli_given (Env        *env,
               const char *variable,
               const char *value,
               const char *input,
               Output     *output,
               ...)
{
  g_auto(GStrv) envp = g_strdupv (env->envp);
  va_list args;

  if (variable != NULL)
    envp = g_environ_setenv (envp, variable, value, TRUE);
  va_start (args, output);
  run_cli_with (env, envp, input, output, args);
  va_end (args);
}

static void
run_cli (Env    *env,
         Output *output,
         ...)
{
  va_list args;

  va_start (args, output);
  run_cli_with (env, env->envp, NULL, output, args);
  va_end (args);
}

static void
subscribe_address (Env              *env,
                   const SecretCase *c)
{
  g_autofree char *url = case_url (env, c, TRUE);
  Output output = { 0 };

  run_cli (env, &output, "add-source", url, NULL);
  g_assert_cmpint (output.status, ==, 0);
  output_clear (&output);
}

/* The page's address, with the password: discovery finds the feed, on the
 * same server, and subscribing to it keeps the password. */
static void
subscribe_page (Env              *env,
                const SecretCase *c)
{
  g_autofree char *url = g_strdup_printf ("http://%s:%s@127.0.0.1:%d%s", c->user, c->secret,
                                          env->port, c->page);
  Output output = { 0 };

  run_cli (env, &output, "add-source", url, NULL);
  g_assert_cmpint (output.status, ==, 0);
  output_clear (&output);
}

static void
subscribe_api_env (Env              *env,
                   const SecretCase *c)
{
  g_autofree char *url = case_url (env, c, FALSE);
  Output output = { 0 };

  run_cli_given (env, "STORYLINE_API_KEY", c->secret, NULL, &output, "add-source", "--kind",
                 c->kind, url, NULL);
  g_assert_cmpint (output.status, ==, 0);
  output_clear (&output);
}

static void
subscribe_api_stdin (Env              *env,
                     const SecretCase *c)
{
  g_autofree char *url = case_url (env, c, FALSE);
  g_autofree char *line = g_strconcat (c->secret, "\n", NULL);
  Output output = { 0 };

  /* Without the key, the CLI says what it needs and adds nothing. */
  run_cli (env, &output, "add-source", "--kind", c->kind, url, NULL);
  g_assert_cmpint (output.status, !=, 0);
  g_assert_nonnull (strstr (output.err, "needs an API key"));
  output_clear (&output);

  run_cli_given (env, NULL, NULL, line, &output, "add-source", "--kind", c->kind,
                 "--api-key-stdin", url, NULL);
  g_assert_cmpint (output.status, ==, 0);
  output_clear (&output);
}

static void
subscribe_opml (Env              *env,
                const SecretCase *c)
{
  g_autofree char *url = case_url (env, c, TRUE);
  g_autofree char *escaped = g_markup_escape_text (url, -1);
  g_autofree char *opml = g_strdup_printf ("<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
                                           "<outline type=\"rss\" text=\"Members\" "
                                           "xmlUrl=\"%s\"/></body></opml>", escaped);
  g_autofree char *file = g_build_filename (env->outside, "import.opml", NULL);
  g_autoptr(GError) error = NULL;
  Output output = { 0 };

  g_assert_true (g_file_set_contents (file, opml, -1, &error));
  g_assert_no_error (error);
  run_cli (env, &output, "import-opml", file, NULL);
  g_assert_cmpint (output.status, ==, 0);
  g_assert_nonnull (strstr (output.out, "1 added"));
  output_clear (&output);
  g_remove (file);
}

/* Versions before the keyring kept the address, password and all, in the
 * database: such a row, written as they did. The next run moves it. */
static void
subscribe_legacy (Env              *env,
                  const SecretCase *c)
{
  g_autofree char *url = case_url (env, c, TRUE);
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *sql = NULL;
  Output output = { 0 };

  /* The cache exists, as an older version left it. */
  run_cli (env, &output, "sources", NULL);
  g_assert_cmpint (output.status, ==, 0);
  output_clear (&output);

  g_assert_cmpint (sqlite3_open (env->db, &db), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("INSERT INTO sources (kind, url, created) VALUES ('json-feed', %Q, 1)",
                         url);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (g_steal_pointer (&sql));

  /* Its syncs resolved the feed's relative links and images against it. */
  {
    g_autofree char *link = g_strconcat (url, "/../story-0.html", NULL);
    g_autofree char *image = g_strconcat (url, "/../image-0.png", NULL);

    g_autofree char *escaped = g_uri_escape_string (image, NULL, FALSE);
    /* A body as the sanitizer left it, stored as text as before migration 7. */
    g_autofree char *body = g_strdup_printf ("<p><a href=\"%s\">Read on</a>"
                                             "<img src=\"storyline://image/%s\"></p>",
                                             link, escaped);

    sql = sqlite3_mprintf ("INSERT INTO articles (source_id, remote_id, hash, title, url, "
                           "external_url, content_html, sort_time, first_seen) VALUES "
                           "(last_insert_rowid(), 'm0', 'old', 'An old story', %Q, %Q, %Q, 1, 1);"
                           "INSERT INTO article_images (article_id, url) "
                           "VALUES (last_insert_rowid(), %Q);"
                           "INSERT INTO images (url) VALUES (%Q);",
                           link, link, body, image, image);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_free (g_steal_pointer (&sql));
  }
  g_clear_pointer (&db, sqlite3_close);

  /* The search below would find it there now. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (env->db, &contents, &length, NULL));
    g_assert_true (contains_bytes (contents, length, c->secret));
  }
}

/* Files may hold NUL bytes: search them as bytes. */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (haystack + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Each secret as given, as an address writes it, and as an Authorization
 * header carries it. */
static GPtrArray *
list_needles (void)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *login = g_strdup_printf ("%s:%s", cases[i].user ? cases[i].user : "",
                                                cases[i].secret);

      g_ptr_array_add (needles, g_strdup (cases[i].secret));
      if (cases[i].secret_in_url != NULL)
        g_ptr_array_add (needles, g_strdup (cases[i].secret_in_url));
      g_ptr_array_add (needles, g_base64_encode ((const guchar *)login, strlen (login)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (other_secrets); i++)
    g_ptr_array_add (needles, g_strdup (other_secrets[i]));

  return needles;
}

static void
assert_no_secret (GPtrArray  *needles,
                  const char *where,
                  const char *text,
                  gsize       length)
{
  for (guint i = 0; i < needles->len; i++)
    {
      if (contains_bytes (text, length, g_ptr_array_index (needles, i)))
        g_error ("A secret (%s) was found in %s", (char *)g_ptr_array_index (needles, i), where);
    }
}

/* Every file under @dir: the database and its journal, the GSettings file,
 * anything else. */
static guint
check_files (GPtrArray  *needles,
             const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += check_files (needles, path);
          continue;
        }

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      assert_no_secret (needles, path, contents, length);
      g_test_message ("searched %s (%" G_GSIZE_FORMAT " bytes)", name, length);
      n_files++;
    }

  return n_files;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static gboolean have_test_keyring (void);

/* The id of the source whose address ends in @path, as the database has it,
 * and that address. */
static gint64
source_for_path (Env         *env,
                 const char  *path,
                 char       **url)
{
  g_autoptr(sqlite3) db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open_v2 (env->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, url FROM sources", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *row_url = (const char *)sqlite3_column_text (stmt, 1);

      if (g_str_has_suffix (row_url, path))
        {
          id = sqlite3_column_int64 (stmt, 0);
          *url = g_strdup (row_url);
        }
    }
  sqlite3_finalize (stmt);

  return id;
}

static void
test_secrets_never_written (void)
{
  g_autoptr(SoupServer) closed = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) needles = list_needles ();
  g_autofree char *wrong = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *hostless = NULL;
  g_autofree char *settings_file = NULL;
  Output output = { 0 };
  Env env = { 0 };
  GSList *uris;
  int closed_port;

  if (!have_test_keyring ())
    return;
  g_assert_nonnull (g_getenv ("STORYLINE_CLI"));

  env.home = g_dir_make_tmp ("storyline-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  env.outside = g_dir_make_tmp ("storyline-secrets-input-XXXXXX", &error);
  g_assert_no_error (error);
  env.db = g_build_filename (env.home, "data", "storyline.db", NULL);
  env.everything = g_string_new (NULL);
  env.n_authorized = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every message the core and the libraries log, settings in a file, and
   * files only under a home of the test's own. */
  env.envp = g_get_environ ();
  env.envp = g_environ_setenv (env.envp, "G_MESSAGES_DEBUG", "all", TRUE);
  env.envp = g_environ_setenv (env.envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env.envp = g_environ_setenv (env.envp, "HOME", env.home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
                              "XDG_STATE_HOME" };
      g_autofree char *path = g_build_filename (env.home, names[i] + 4, NULL);

      env.envp = g_environ_setenv (env.envp, names[i], path, TRUE);
    }
  settings_file = g_build_filename (env.home, "CONFIG_HOME", "glib-2.0", "settings", "keyfile",
                                    NULL);

  env.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (env.server, NULL, server_cb, &env, NULL);
  g_assert_true (soup_server_listen_local (env.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (env.server);
  env.port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  soup_server_add_handler (closed, NULL, server_cb, &env, NULL);
  g_assert_true (soup_server_listen_local (closed, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (closed);
  closed_port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* Subscribing, each case its way. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("subscribing: %s", cases[i].name);
      cases[i].subscribe (&env, &cases[i]);
    }

  /* A token's server answers now, and is gone by the time of the sync. */
  refused = g_strdup_printf ("http://" TOKEN ":" TOKEN_SECRET "@127.0.0.1:%d/feed.json",
                             closed_port);
  run_cli (&env, &output, "add-source", refused, NULL);
  g_assert_cmpint (output.status, ==, 0);
  output_clear (&output);
  soup_server_disconnect (closed);

  /* The others fail to subscribe, saying why. */
  wrong = g_strdup_printf ("http://reader:" WRONG_PASSWORD "@127.0.0.1:%d/private/feed.json",
                           env.port);
  run_cli (&env, &output, "add-source", wrong, NULL);
  g_assert_cmpint (output.status, !=, 0);
  g_assert_nonnull (strstr (output.err, "401"));
  output_clear (&output);
  hostless = g_strdup ("http://" TOKEN ":" TOKEN_SECRET "@/feed.json");
  run_cli (&env, &output, "add-source", hostless, NULL);
  g_assert_cmpint (output.status, !=, 0);
  output_clear (&output);

  /* Each source syncs with its secret, the refused one fails and says why. */
  g_hash_table_remove_all (env.n_authorized);
  run_cli (&env, &output, "sync", NULL);
  g_assert_nonnull (strstr (output.out, "refused"));
  output_clear (&output);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (n_authorized (&env, &cases[i]) == 0)
        g_error ("The server never got the secret of: %s", cases[i].name);
    }
  run_cli (&env, &output, "--json", "sync", NULL);
  output_clear (&output);

  run_cli (&env, &output, "--json", "list", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = g_strdup_printf ("Members only: %s", cases[i].name);

      if (strstr (output.out, title) == NULL)
        g_error ("Nothing synced for: %s", cases[i].name);
    }
  output_clear (&output);
  run_cli (&env, &output, "sources", NULL);
  g_assert_nonnull (strstr (output.out, "error: "));
  output_clear (&output);
  run_cli (&env, &output, "--json", "sources", NULL);
  output_clear (&output);

  /* An OPML file goes anywhere: never with credentials. */
  run_cli (&env, &output, "export-opml", NULL);
  g_assert_nonnull (strstr (output.out, "/private/feed.json"));
  g_assert_null (strstr (output.out, "@127.0.0.1"));
  output_clear (&output);

  /* The database keeps each address without its credentials, and the
   * keyring keeps them, under the source's id. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = NULL;
      g_autofree char *expected = case_url (&env, &cases[i], FALSE);
      g_autofree char *login = g_strdup_printf ("%s:%s", cases[i].user,
                                                cases[i].secret_in_url ?: cases[i].secret);
      gint64 id = source_for_path (&env, cases[i].path, &url);
      g_autoptr(StorySecret) kept = NULL;

      g_assert_cmpint (id, >, 0);
      g_assert_cmpstr (url, ==, expected);
      if (cases[i].kind != NULL)
        {
          kept = story_secrets_lookup_sync (id, STORY_SECRET_API_KEY, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (kept, ==, cases[i].secret);
          continue;
        }
      kept = story_secrets_lookup_sync (id, STORY_SECRET_URL_LOGIN, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kept, ==, login);
    }

  /* Every log line (G_MESSAGES_DEBUG=all), error and line of output... */
  g_assert_nonnull (strstr (env.everything->str, "story-"));
  assert_no_secret (needles, "the output and logs", env.everything->str, env.everything->len);

  /* ...the settings, if anything wrote them... */
  if (g_file_test (settings_file, G_FILE_TEST_EXISTS))
    g_test_message ("storyline-cli wrote settings");

  /* ...and every file written: the database, its journal and the rest. */
  g_test_message ("%u files searched", check_files (needles, env.home));

  /* Removing a source removes its secret from the keyring. */
  {
    g_autofree char *url = NULL;
    g_autofree char *id_text = NULL;
    g_autoptr(StorySecret) kept = NULL;
    gint64 id = source_for_path (&env, cases[0].path, &url);

    id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    run_cli (&env, &output, "remove-source", id_text, NULL);
    g_assert_cmpint (output.status, ==, 0);
    output_clear (&output);
    kept = story_secrets_lookup_sync (id, STORY_SECRET_URL_LOGIN, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (kept);
  }

  /* The throwaway keyring is shared by the session: leave nothing there. */
  for (gint64 id = 1; id <= 16; id++)
    g_assert_true (story_secrets_clear_sync (id, NULL, NULL, NULL));

  soup_server_disconnect (env.server);
  g_clear_object (&env.server);
  remove_tree (env.home);
  remove_tree (env.outside);
  g_free (env.home);
  g_free (env.outside);
  g_free (env.db);
  g_strfreev (env.envp);
  g_string_free (env.everything, TRUE);
  g_hash_table_unref (env.n_authorized);
}

/* The keyring tests use only the throwaway keyring build-aux/keyring-session
 * starts on a private bus, never a real one. */
static gboolean
have_test_keyring (void)
{
  if (g_getenv ("STORY_TEST_KEYRING") != NULL)
    return TRUE;

  g_test_skip ("No throwaway keyring: run the tests through build-aux/test, which starts one "
               "on a private bus (a real keyring is never used)");
  return FALSE;
}

static void
test_keyring_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySecret) secret = NULL;
  const gint64 id = 900001;

  if (!have_test_keyring ())
    return;

  g_assert_true (story_secrets_clear_sync (id, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Nothing stored: no secret, and no error either. */
  secret = story_secrets_lookup_sync (id, STORY_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  g_assert_true (story_secrets_store_sync (id, STORY_SECRET_PASSWORD, "Storyline: test",
                                           PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (story_secrets_store_sync (id, STORY_SECRET_API_KEY, "Storyline: test",
                                           TOKEN, NULL, &error));
  g_assert_no_error (error);
  /* Another source's secret of the same kind is another item. */
  g_assert_true (story_secrets_store_sync (id + 1, STORY_SECRET_PASSWORD, "Storyline: other",
                                           WRONG_PASSWORD, NULL, &error));
  g_assert_no_error (error);

  secret = story_secrets_lookup_sync (id, STORY_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, PASSWORD);
  g_clear_pointer (&secret, story_secrets_free);
  secret = story_secrets_lookup_sync (id, STORY_SECRET_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, TOKEN);
  g_clear_pointer (&secret, story_secrets_free);

  /* Storing again replaces. */
  g_assert_true (story_secrets_store_sync (id, STORY_SECRET_API_KEY, "Storyline: test",
                                           TOKEN_SECRET, NULL, &error));
  g_assert_no_error (error);
  secret = story_secrets_lookup_sync (id, STORY_SECRET_API_KEY, NULL, &error);
  g_assert_cmpstr (secret, ==, TOKEN_SECRET);
  g_clear_pointer (&secret, story_secrets_free);

  /* Clearing one kind leaves the other; clearing all leaves the other source's. */
  g_assert_true (story_secrets_clear_sync (id, STORY_SECRET_API_KEY, NULL, &error));
  g_assert_no_error (error);
  secret = story_secrets_lookup_sync (id, STORY_SECRET_API_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  secret = story_secrets_lookup_sync (id, STORY_SECRET_PASSWORD, NULL, &error);
  g_assert_cmpstr (secret, ==, PASSWORD);
  g_clear_pointer (&secret, story_secrets_free);

  g_assert_true (story_secrets_clear_sync (id, NULL, NULL, &error));
  g_assert_no_error (error);
  secret = story_secrets_lookup_sync (id, STORY_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);
  secret = story_secrets_lookup_sync (id + 1, STORY_SECRET_PASSWORD, NULL, &error);
  g_assert_cmpstr (secret, ==, WRONG_PASSWORD);
  g_clear_pointer (&secret, story_secrets_free);

  /* Clearing what is not there is no error. */
  g_assert_true (story_secrets_clear_sync (id + 1, NULL, NULL, &error));
  g_assert_true (story_secrets_clear_sync (id + 1, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (!story_secrets_store_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "stored");
}

static void
test_keyring_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StorySecret) secret = NULL;
  g_autofree char *copy = g_strdup (PASSWORD);
  const gint64 id = 900011;

  if (!have_test_keyring ())
    return;

  /* The caller's copy may go at once: the task keeps its own. */
  story_secrets_store_async (id, STORY_SECRET_PASSWORD, "Storyline: async", copy, NULL,
                             store_done_cb, &error);
  memset (copy, 'x', strlen (copy));
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);

  secret = story_secrets_lookup_sync (id, STORY_SECRET_PASSWORD, NULL, NULL);
  g_assert_cmpstr (secret, ==, PASSWORD);
  g_assert_true (story_secrets_clear_sync (id, NULL, NULL, NULL));
}

/* No Secret Service at all: every call fails, saying so in words. */
static void
test_keyring_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("storyline-nobus-XXXXXX", NULL);
      g_autofree char *bus = g_strdup_printf ("unix:path=%s/no-bus", dir);
      char *secret;

      /* Before anything connects: a bus that is not there. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);

      g_assert_false (story_secrets_store_sync (1, STORY_SECRET_PASSWORD, "Storyline: x",
                                                PASSWORD, NULL, &error));
      g_assert_error (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE);
      g_assert_cmpstr (error->message, ==,
                       "No keyring is available to keep the password, so it was not saved. "
                       "Storyline never writes passwords to its cache.");
      g_clear_error (&error);

      g_assert_false (story_secrets_store_sync (1, STORY_SECRET_API_KEY, "Storyline: x",
                                                TOKEN, NULL, &error));
      g_assert_error (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "API key"));
      g_clear_error (&error);

      secret = story_secrets_lookup_sync (1, STORY_SECRET_PASSWORD, NULL, &error);
      g_assert_null (secret);
      g_assert_error (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE);
      g_clear_error (&error);

      g_assert_false (story_secrets_clear_sync (1, NULL, NULL, &error));
      g_assert_error (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE);

      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The secret is in no message, even at debug level. */
  g_test_trap_assert_stdout_unmatched ("*" PASSWORD "*");
  g_test_trap_assert_stderr_unmatched ("*" PASSWORD "*");
}

static gboolean
members_auth_cb (SoupAuthDomain    *domain,
                 SoupServerMessage *message,
                 const char        *username,
                 const char        *password,
                 gpointer           user_data)
{
  return g_str_equal (username, "reader") && g_str_equal (password, PASSWORD);
}

static void
members_cb (SoupServer        *soup_server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  char *body = feed_for (&cases[0]);

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **reports = user_data;

  *reports = story_sync_manager_sync_finish (STORY_SYNC_MANAGER (object), result, NULL);
  g_assert_nonnull (*reports);
}

/* Sources with a password and no keyring: nothing is lost, nothing is
 * written where it should not be, and each step says why in words. */
static void
test_keyring_unavailable_sources (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("storyline-nobus-XXXXXX", NULL);
      g_autofree char *bus = g_strdup_printf ("unix:path=%s/no-bus", dir);
      g_autofree char *path = g_build_filename (dir, "storyline.db", NULL);
      g_autofree char *address = NULL;
      g_autofree char *with_password = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(SoupAuthDomain) domain = NULL;
      g_autoptr(StoryStore) store = NULL;
      g_autoptr(StorySyncManager) manager = NULL;
      g_autoptr(StorySource) source = NULL;
      g_autoptr(GPtrArray) sources = NULL;
      g_autoptr(GPtrArray) reports = NULL;
      StorySyncReport *report;
      gint64 id;
      GSList *uris;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

      domain = soup_auth_domain_basic_new ("realm", "Members", NULL);
      soup_auth_domain_basic_set_auth_callback (domain, members_auth_cb, NULL, NULL);
      soup_auth_domain_add_path (domain, "/private");
      soup_server_add_auth_domain (server, domain);
      soup_server_add_handler (server, NULL, members_cb, NULL, NULL);
      g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
      uris = soup_server_get_uris (server);
      address = g_strdup_printf ("http://127.0.0.1:%d/private/feed.json",
                                 g_uri_get_port (uris->data));
      with_password = g_strdup_printf ("http://reader:" PASSWORD "@127.0.0.1:%d/private/feed.json",
                                       g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

      store = story_store_new (path, &error);
      g_assert_no_error (error);

      /* Subscribing with a password: refused, saying why; no source. */
      source = story_store_add_source (store, "json-feed", with_password, NULL, &error);
      g_assert_null (source);
      g_assert_error (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE);
      expected = g_strdup_printf ("%s: No keyring is available to keep the password, so it was "
                                  "not saved. Storyline never writes passwords to its cache.",
                                  address);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      sources = story_store_list_sources (store, &error);
      g_assert_cmpuint (sources->len, ==, 0);
      g_clear_pointer (&sources, g_ptr_array_unref);

      /* Without one it works; its server asks for a password the keyring
       * cannot give, and the sync says so. */
      source = story_store_add_source (store, "json-feed", address, NULL, &error);
      g_assert_no_error (error);
      id = story_source_get_id (source);
      manager = story_sync_manager_new (store);
      story_sync_manager_sync_async (manager, &id, 1, NULL, synced_cb, &reports);
      while (reports == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (reports->len, ==, 1);
      report = g_ptr_array_index (reports, 0);
      g_assert_nonnull (report->error);
      g_assert_cmpstr (report->error->message, ==,
                       "No keyring is available, so the saved password could not be read.");

      /* A password an older version stored stays until a keyring can take it. */
      g_assert_true (story_store_set_source_url (store, id, address, &error));
      {
        g_autoptr(sqlite3) db = NULL;
        g_autofree char *sql = NULL;

        g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
        sql = sqlite3_mprintf ("UPDATE sources SET url = %Q", with_password);
        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        sqlite3_free (g_steal_pointer (&sql));
      }
      g_assert_false (story_store_move_logins_to_keyring (store, NULL, NULL, &error));
      g_assert_error (error, STORY_SECRETS_ERROR, STORY_SECRETS_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "stay there for now"));
      g_clear_error (&error);
      g_clear_object (&source);
      source = story_store_get_source (store, id, &error);
      g_assert_cmpstr (story_source_get_url (source), ==, with_password);

      /* Meanwhile it syncs, its password taken from there, and the
       * addresses the feed gives relative to its own get none of it. */
      g_clear_pointer (&reports, g_ptr_array_unref);
      story_sync_manager_sync_async (manager, &id, 1, NULL, synced_cb, &reports);
      while (reports == NULL)
        g_main_context_iteration (NULL, TRUE);
      report = g_ptr_array_index (reports, 0);
      g_assert_no_error (report->error);
      g_assert_cmpuint (report->n_new, ==, 2);
      {
        StoryArticleQuery query = STORY_ARTICLE_QUERY_INIT;
        g_autoptr(GPtrArray) articles = story_store_list_articles (store, &query, &error);
        gboolean linked = FALSE;

        g_assert_no_error (error);
        for (guint i = 0; i < articles->len; i++)
          {
            const char *link = story_article_get_url (g_ptr_array_index (articles, i));

            g_assert_true (link == NULL || strchr (link, '@') == NULL);
            linked |= link != NULL && g_str_has_suffix (link, "/private/story-1.html");
          }
        g_assert_true (linked);
      }

      /* Removing the source works all the same. */
      g_assert_true (story_store_remove_source (store, id, &error));
      g_assert_no_error (error);

      g_clear_object (&manager);
      g_clear_object (&store);
      soup_server_disconnect (server);
      remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* Words, never the password: not even at debug level (only the address
   * in the test's own assertions has it, and they passed). */
  g_test_trap_assert_stdout_unmatched ("*" PASSWORD "*");
  g_test_trap_assert_stderr_unmatched ("*" PASSWORD "*");
}

static void
test_redact (void)
{
  const struct
  {
    const char *url;
    const char *shown;
  } redactions[] = {
    { "https://user:secret@example.test/feed.json", "https://example.test/feed.json" },
    { "https://token@example.test", "https://example.test" },
    { "http://a@b:c@example.test:8080/f?q=1#x", "http://example.test:8080/f?q=1#x" },
    { "http://user:pa%40ss@[::1]/feed", "http://[::1]/feed" },
    { "https://user:secret@/feed.json", "https:///feed.json" },
    { "https://example.test/feed?mail=a@b.test", "https://example.test/feed?mail=a@b.test" },
    { "mailto:someone@example.test", "mailto:someone@example.test" },
    { "not a url", "not a url" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (redactions); i++)
    {
      g_autofree char *shown = story_url_redact (redactions[i].url);

      g_assert_cmpstr (shown, ==, redactions[i].shown);
    }
  g_assert_null (story_url_redact (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/keyring/store-lookup-clear", test_keyring_store_lookup_clear);
  g_test_add_func ("/secrets/keyring/async", test_keyring_async);
  g_test_add_func ("/secrets/keyring/unavailable", test_keyring_unavailable);
  g_test_add_func ("/secrets/keyring/unavailable-sources", test_keyring_unavailable_sources);
  g_test_add_func ("/secrets/credentials-in-url/redact", test_redact);
  g_test_add_func ("/secrets/never-written", test_secrets_never_written);

  return g_test_run ();
}
