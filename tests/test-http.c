/* test-http.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* StoryHttp against a loopback server that misbehaves on purpose. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "story-http.h"

#define MIB (1024 * 1024)

static const char feed[] = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}";

typedef struct
{
  SoupServer *server;
  char       *base;
  StoryHttp  *http;
  char       *user_agent;
  char       *if_none_match;
  char       *if_modified_since;
  guint       n_requests;
  gsize       n_sent;        /* bytes the streaming handlers wrote */
  GSList     *paused;        /* messages that never get an answer */
} Fixture;

/* A body of @total bytes, written 64 KiB at a time as the client reads. */
typedef struct
{
  Fixture *fixture;
  gsize    total;
  guint    drip_id;
  char    *chunk;
  gsize    chunk_size;
} Stream;

static void
stream_free (Stream *stream)
{
  g_clear_handle_id (&stream->drip_id, g_source_remove);
  g_free (stream->chunk);
  g_free (stream);
}

static void
write_next_chunk (SoupServerMessage *message,
                  Stream            *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  if (stream->fixture->n_sent >= stream->total)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (message);
      return;
    }

  soup_message_body_append (body, SOUP_MEMORY_COPY, stream->chunk, stream->chunk_size);
  stream->fixture->n_sent += stream->chunk_size;
  soup_server_message_unpause (message);
}

static void
wrote_chunk_cb (SoupServerMessage *message,
                Stream            *stream)
{
  write_next_chunk (message, stream);
}

static gboolean
drip_cb (gpointer data)
{
  SoupServerMessage *message = data;
  Stream *stream = g_object_get_data (G_OBJECT (message), "stream");

  write_next_chunk (message, stream);

  return G_SOURCE_CONTINUE;
}

static void
message_finished_cb (SoupServerMessage *message,
                     Stream            *stream)
{
  g_clear_handle_id (&stream->drip_id, g_source_remove);
}

static void
start_stream (Fixture           *fixture,
              SoupServerMessage *message,
              gsize              total,
              gsize              chunk_size,
              guint              drip_interval_ms,
              gboolean           declare_length)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Stream *stream = g_new0 (Stream, 1);

  stream->fixture = fixture;
  stream->total = total;
  stream->chunk_size = chunk_size;
  stream->chunk = g_malloc (chunk_size);
  memset (stream->chunk, ' ', chunk_size);
  g_object_set_data_full (G_OBJECT (message), "stream", stream, (GDestroyNotify)stream_free);

  soup_server_message_set_status (message, 200, NULL);
  if (declare_length)
    soup_message_headers_set_content_length (headers, total);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  g_signal_connect (message, "finished", G_CALLBACK (message_finished_cb), stream);

  if (drip_interval_ms == 0)
    {
      g_signal_connect (message, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), stream);
      write_next_chunk (message, stream);
    }
  else
    {
      write_next_chunk (message, stream);
      stream->drip_id = g_timeout_add (drip_interval_ms, drip_cb, message);
    }
}

static void
set_body (SoupServerMessage *message,
          const char        *content_type,
          const char        *body)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
redirect (SoupServerMessage *message,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (message, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Location",
                                location);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);

  fixture->n_requests++;
  g_free (fixture->user_agent);
  fixture->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (fixture->if_none_match);
  fixture->if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));
  g_free (fixture->if_modified_since);
  fixture->if_modified_since = g_strdup (soup_message_headers_get_one (request,
                                                                       "If-Modified-Since"));

  if (g_str_equal (path, "/feed.json"))
    set_body (message, "application/feed+json", feed);
  else if (g_str_equal (path, "/etag.json"))
    {
      soup_message_headers_replace (response, "ETag", "\"v1\"");
      if (g_strcmp0 (fixture->if_none_match, "\"v1\"") == 0)
        soup_server_message_set_status (message, 304, NULL);
      else
        set_body (message, "application/feed+json", feed);
    }
  else if (g_str_equal (path, "/last-modified.json"))
    {
      const char *date = "Fri, 20 Nov 2026 07:30:00 GMT";

      soup_message_headers_replace (response, "Last-Modified", date);
      if (g_strcmp0 (fixture->if_modified_since, date) == 0)
        soup_server_message_set_status (message, 304, NULL);
      else
        set_body (message, "application/feed+json", feed);
    }
  else if (g_str_equal (path, "/500"))
    soup_server_message_set_status (message, 500, NULL);
  else if (g_str_equal (path, "/503"))
    {
      soup_server_message_set_status (message, 503, NULL);
      soup_message_headers_replace (response, "Retry-After", "120");
    }
  else if (g_str_equal (path, "/429"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 600);
      g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");

      soup_server_message_set_status (message, 429, NULL);
      soup_message_headers_replace (response, "Retry-After", date);
    }
  else if (g_str_equal (path, "/silent"))
    {
      soup_server_message_pause (message);
      fixture->paused = g_slist_prepend (fixture->paused, g_object_ref (message));
    }
  else if (g_str_equal (path, "/drip"))
    start_stream (fixture, message, 1000, 1, 100, FALSE);
  else if (g_str_equal (path, "/huge"))
    start_stream (fixture, message, (gsize)100 * MIB, 64 * 1024, 0, FALSE);
  else if (g_str_equal (path, "/declared-huge"))
    start_stream (fixture, message, (gsize)100 * MIB, 64 * 1024, 0, TRUE);
  else if (g_str_equal (path, "/latin1"))
    {
      const char *body = "{\"title\":\"Caf\xe9 cr\xe8me\"}";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json; charset=ISO-8859-1",
                                        SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/bad-charset"))
    set_body (message, "application/json; charset=x-no-such-charset", feed);
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
      char out[1024];
      gsize n_read, n_written;

      g_converter_convert (G_CONVERTER (compressor), feed, strlen (feed), out, sizeof out,
                           G_CONVERTER_INPUT_AT_END, &n_read, &n_written, NULL);
      soup_message_headers_replace (response, "Content-Encoding", "gzip");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, out,
                                        n_written);
    }
  else if (g_str_equal (path, "/loop"))
    redirect (message, 302, "/loop");
  else if (g_str_equal (path, "/old"))
    redirect (message, 301, "/older");
  else if (g_str_equal (path, "/older"))
    redirect (message, 308, "/feed.json");
  else if (g_str_equal (path, "/temporary"))
    redirect (message, 307, "/feed.json");
  else
    soup_server_message_set_status (message, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  fixture->http = story_http_new ();
  story_http_set_timeout (fixture->http, 1);
  story_http_set_deadline (fixture->http, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->http);
  soup_server_disconnect (fixture->server);
  g_slist_free_full (fixture->paused, g_object_unref);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
  g_free (fixture->user_agent);
  g_free (fixture->if_none_match);
  g_free (fixture->if_modified_since);
}

typedef struct
{
  StoryHttp         *http;
  StoryHttpRequest   request;
  StoryHttpResponse *response;
  GError            *error;
  gint64             retry_after;
  int                done;
} Get;

static gpointer
get_thread (gpointer data)
{
  Get *get = data;

  get->response = story_http_get (get->http, &get->request, &get->retry_after, NULL,
                                  &get->error);
  g_atomic_int_set (&get->done, 1);
  g_main_context_wakeup (NULL);

  return NULL;
}

/* Fetches on a thread while this one serves: a request to our own server from
 * the server's thread would deadlock. */
static StoryHttpResponse *
get_full (Fixture     *fixture,
          const char  *path,
          const char  *etag,
          const char  *last_modified,
          gsize        max_body_size,
          gint64      *retry_after,
          GError     **error)
{
  g_autofree char *url = g_strconcat (fixture->base, path + 1, NULL);
  Get data = { fixture->http, { url, NULL, etag, last_modified, max_body_size }, NULL, NULL, 0, 0 };
  GThread *thread = g_thread_new ("get", get_thread, &data);

  while (!g_atomic_int_get (&data.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  if (retry_after != NULL)
    *retry_after = data.retry_after;
  if (data.error != NULL)
    g_propagate_error (error, data.error);

  return data.response;
}

static StoryHttpResponse *
get (Fixture     *fixture,
     const char  *path,
     const char  *etag,
     const char  *last_modified,
     gint64      *retry_after,
     GError     **error)
{
  return get_full (fixture, path, etag, last_modified, 0, retry_after, error);
}

static void
test_user_agent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = get (fixture, "/feed.json", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (fixture->user_agent, ==, "Storyline/" PACKAGE_VERSION);
  g_assert_cmpstr (response->content_type, ==, "application/feed+json");
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   feed, strlen (feed));
}

static void
test_etag_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) first = NULL;
  g_autoptr(StoryHttpResponse) second = NULL;
  g_autoptr(GError) error = NULL;

  first = get (fixture, "/etag.json", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (first->not_modified);
  g_assert_cmpstr (first->etag, ==, "\"v1\"");
  g_assert_null (fixture->if_none_match);

  second = get (fixture, "/etag.json", first->etag, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"v1\"");
  g_assert_true (second->not_modified);
  g_assert_null (second->body);
}

static void
test_last_modified_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) first = NULL;
  g_autoptr(StoryHttpResponse) second = NULL;
  g_autoptr(GError) error = NULL;

  first = get (fixture, "/last-modified.json", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (first->not_modified);
  g_assert_nonnull (first->last_modified);

  second = get (fixture, "/last-modified.json", NULL, first->last_modified, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->if_modified_since, ==, first->last_modified);
  g_assert_true (second->not_modified);
  g_assert_null (second->body);
}

static void
test_status_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  struct {
    const char *path;
    const char *message;
    gint64      min_retry_after;
    gint64      max_retry_after;
  } cases[] = {
    { "/missing", "The server answered 404 Not Found", 0, 0 },
    { "/500", "The server answered 500 Internal Server Error", 0, 0 },
    { "/503", "The server answered 503 Service Unavailable", 120, 120 },
    { "/429", "The server answered 429 Too Many Requests", 590, 600 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StoryHttpResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      gint64 retry_after = -1;

      response = get (fixture, cases[i].path, NULL, NULL, &retry_after, &error);
      g_assert_null (response);
      g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_STATUS);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (retry_after, >=, cases[i].min_retry_after);
      g_assert_cmpint (retry_after, <=, cases[i].max_retry_after);
    }
}

static void
test_never_answers (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  response = get (fixture, "/silent", NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "No answer after 1 second");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_drip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* A byte every 100 ms never trips the 1 s read timeout; the deadline stops it. */
  response = get (fixture, "/drip", NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "too slow"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (fixture->n_sent, <, 100);
}

static void
test_huge_body (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* The server streams 100 MiB; the client stops reading at the 20 MiB cap and
   * the server never gets to write much more than that. */
  g_assert_cmpuint (story_http_get_max_body_size (fixture->http), ==, 20 * MIB);
  response = get (fixture, "/huge", NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The feed is larger than 20 MiB");

  /* Let the server notice the closed connection. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_test_message ("The server wrote %" G_GSIZE_FORMAT " bytes before the client hung up",
                  fixture->n_sent);
  g_assert_cmpuint (fixture->n_sent, <, 30 * MIB);
}

static void
test_declared_huge_body (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* A Content-Length past the cap is refused before a byte of body is read. */
  response = get (fixture, "/declared-huge", NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_LARGE);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->n_sent, <, 10 * MIB);
}

static void
test_request_cap (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* A caller fetching something small (an icon) can ask for a lower cap. */
  response = get_full (fixture, "/feed.json", NULL, NULL, 16, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_LARGE);
}

static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = get (fixture, "/gzip", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   feed, strlen (feed));
}

static void
test_charset (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(StoryHttpResponse) bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected = "{\"title\":\"Café crème\"}";

  response = get (fixture, "/latin1", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   expected, strlen (expected));

  bad = get (fixture, "/bad-charset", NULL, NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_CHARSET);
  g_assert_nonnull (strstr (error->message, "x-no-such-charset"));
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = get (fixture, "/loop", NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpstr (error->message, ==, "Too many redirects");
  g_assert_cmpuint (fixture->n_requests, ==, 6);
}

static void
test_redirect_permanent (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StoryHttpResponse) moved = NULL;
  g_autoptr(StoryHttpResponse) temporary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strconcat (fixture->base, "feed.json", NULL);

  moved = get (fixture, "/old", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->url, ==, expected);
  g_assert_cmpstr (moved->permanent_url, ==, expected);

  temporary = get (fixture, "/temporary", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (temporary->url, ==, expected);
  g_assert_null (temporary->permanent_url);
}

static void
test_invalid_url (void)
{
  g_autoptr(StoryHttp) http = story_http_new ();
  g_autoptr(GError) error = NULL;
  StoryHttpRequest request = { "ftp://example.test/feed", NULL, NULL, NULL };

  g_assert_null (story_http_get (http, &request, NULL, NULL, &error));
  g_assert_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_INVALID_URL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/http/user-agent", test_user_agent);
  ADD ("/http/conditional/etag", test_etag_round_trip);
  ADD ("/http/conditional/last-modified", test_last_modified_round_trip);
  ADD ("/http/errors/status", test_status_errors);
  ADD ("/http/errors/never-answers", test_never_answers);
  ADD ("/http/errors/drip", test_drip);
  ADD ("/http/size/100-mib-stream", test_huge_body);
  ADD ("/http/size/declared-length", test_declared_huge_body);
  ADD ("/http/size/per-request-cap", test_request_cap);
  ADD ("/http/encoding/gzip", test_gzip);
  ADD ("/http/encoding/latin1", test_charset);
  ADD ("/http/redirect/loop", test_redirect_loop);
  ADD ("/http/redirect/permanent", test_redirect_permanent);
  g_test_add_func ("/http/errors/invalid-url", test_invalid_url);

  return g_test_run ();
}
