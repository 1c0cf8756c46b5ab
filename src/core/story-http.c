/* story-http.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one SoupSession of the application, and the rules every request follows:
 * a user agent, time limits, a cap on the body enforced while it streams in (so a
 * hostile or broken server cannot make us allocate without bound), redirects
 * followed by hand (to count them and to notice permanent moves), conditional
 * GET, and bodies converted to UTF-8 when the server declares another charset.
 *
 * The API is synchronous and meant for worker threads: libsoup 3.2 sessions may
 * be used that way from any thread. */

#define G_LOG_DOMAIN "story-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "story-http.h"
#include "story-util.h"

#define DEFAULT_TIMEOUT        30
#define DEFAULT_DEADLINE       120
#define DEFAULT_MAX_REDIRECTS  5
#define READ_CHUNK_SIZE        (64 * 1024)
#define MAX_ERROR_BODY_SIZE    (64 * 1024)

struct _StoryHttp
{
  GObject      parent_instance;

  SoupSession *session;
  char        *user_agent;
  guint        timeout;
  guint        deadline;
  gsize        max_body_size;
  guint        max_redirects;
};

G_DEFINE_FINAL_TYPE (StoryHttp, story_http, G_TYPE_OBJECT)
G_DEFINE_QUARK (story-http-error-quark, story_http_error)

void
story_http_response_free (StoryHttpResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response->content_type);
  g_free (response->url);
  g_free (response->permanent_url);
  g_clear_pointer (&response->headers, g_hash_table_unref);
  g_free (response);
}

/**
 * story_http_response_get_header:
 * @name: a header name, in any case
 *
 * Returns: (transfer none) (nullable): the header's value in the answer
 */
const char *
story_http_response_get_header (StoryHttpResponse *response,
                                const char        *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (response->headers == NULL)
    return NULL;

  lower = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (response->headers, lower);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  GHashTable *headers = user_data;

  /* A repeated header keeps its first value. */
  if (!g_hash_table_contains (headers, name))
    g_hash_table_insert (headers, g_ascii_strdown (name, -1), g_strdup (value));
}

static GHashTable *
copy_headers (SoupMessageHeaders *headers)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  soup_message_headers_foreach (headers, copy_header_cb, copy);
  return copy;
}

/* Extra headers (an API key) go to the address they were meant for, never
 * to another host a redirect points at. */
static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) uri_a = g_uri_parse (a, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GUri) uri_b = g_uri_parse (b, SOUP_HTTP_URI_FLAGS, NULL);

  return uri_a != NULL && uri_b != NULL && story_uri_same_origin (uri_a, uri_b);
}

static void
story_http_finalize (GObject *object)
{
  StoryHttp *self = (StoryHttp *)object;

  g_clear_object (&self->session);
  g_free (self->user_agent);

  G_OBJECT_CLASS (story_http_parent_class)->finalize (object);
}

static void
story_http_class_init (StoryHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = story_http_finalize;
}

static void
story_http_init (StoryHttp *self)
{
  self->user_agent = g_strdup_printf ("Storyline/%s", PACKAGE_VERSION);
  self->timeout = DEFAULT_TIMEOUT;
  self->deadline = DEFAULT_DEADLINE;
  self->max_body_size = STORY_HTTP_DEFAULT_MAX_BODY_SIZE;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;

  /* SoupContentDecoder is part of every session: gzip and deflate are asked for
   * and decoded, and the size cap below applies to the decoded bytes. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 NULL);
}

/**
 * story_http_new:
 *
 * Returns: (transfer full): a client with the default limits
 */
StoryHttp *
story_http_new (void)
{
  return g_object_new (STORY_TYPE_HTTP, NULL);
}

const char *
story_http_get_user_agent (StoryHttp *self)
{
  g_return_val_if_fail (STORY_IS_HTTP (self), NULL);

  return self->user_agent;
}

/* How long connecting, or waiting for any byte of an answer, may take.
 * libsoup wants its session configured from the thread that created it and
 * before the first request: call this (and the other setters) right after
 * story_http_new(). */
void
story_http_set_timeout (StoryHttp *self,
                        guint      seconds)
{
  g_return_if_fail (STORY_IS_HTTP (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

guint
story_http_get_timeout (StoryHttp *self)
{
  g_return_val_if_fail (STORY_IS_HTTP (self), 0);

  return self->timeout;
}

/* How long a whole answer may take: a server that drips a byte at a time
 * never trips the timeout above, but it does trip this. */
void
story_http_set_deadline (StoryHttp *self,
                         guint      seconds)
{
  g_return_if_fail (STORY_IS_HTTP (self));
  g_return_if_fail (seconds > 0);

  self->deadline = seconds;
}

void
story_http_set_max_body_size (StoryHttp *self,
                              gsize      max_body_size)
{
  g_return_if_fail (STORY_IS_HTTP (self));
  g_return_if_fail (max_body_size > 0);

  self->max_body_size = max_body_size;
}

gsize
story_http_get_max_body_size (StoryHttp *self)
{
  g_return_val_if_fail (STORY_IS_HTTP (self), 0);

  return self->max_body_size;
}

void
story_http_set_max_redirects (StoryHttp *self,
                              guint      max_redirects)
{
  g_return_if_fail (STORY_IS_HTTP (self));

  self->max_redirects = max_redirects;
}

static void
set_too_large_error (gsize    max_body_size,
                     GError **error)
{
  gsize mib = max_body_size / (1024 * 1024);
  g_autofree char *size = NULL;

  /* The number is formatted first: a G_GSIZE_FORMAT inside the message
   * would cut it short for xgettext, leaving it untranslated. */
  if (mib > 0)
    {
      size = g_strdup_printf ("%" G_GSIZE_FORMAT, mib);
      /* Translators: %s is a number of mebibytes */
      g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_LARGE,
                   _("The feed is larger than %s MiB"), size);
    }
  else
    {
      size = g_strdup_printf ("%" G_GSIZE_FORMAT, MAX (max_body_size / 1024, 1));
      /* Translators: %s is a number of kibibytes */
      g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_LARGE,
                   _("The feed is larger than %s KiB"), size);
    }
}

/* Turns what GIO and libsoup say into a sentence about the server. */
static void
propagate_network_error (StoryHttp  *self,
                         GError     *local_error,
                         GError    **error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      local_error->domain == STORY_HTTP_ERROR)
    {
      g_propagate_error (error, local_error);
      return;
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TIMEOUT,
                 g_dngettext (GETTEXT_PACKAGE, "No answer after %u second",
                              "No answer after %u seconds", self->timeout),
                 self->timeout);
  else
    g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_FAILED,
                 _("The server could not be reached: %s"), local_error->message);

  g_error_free (local_error);
}

/* A certificate nobody vouches for is never accepted, and the user is told
 * why in words rather than GnuTLS's "Unacceptable TLS certificate". */
static void
set_certificate_error (GTlsCertificateFlags   flags,
                       GError               **error)
{
  const char *why;

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    why = _("it is not signed by an authority this system trusts");
  else if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    why = _("it was made for another site");
  else if (flags & G_TLS_CERTIFICATE_EXPIRED)
    why = _("it has expired");
  else if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    why = _("it is not valid yet");
  else if (flags & G_TLS_CERTIFICATE_REVOKED)
    why = _("it was revoked");
  else
    why = _("it is not valid");

  g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_FAILED,
               _("The server’s certificate is not trusted (%s), so Storyline did not connect"),
               why);
}

/* Retry-After is either a number of seconds or an HTTP date. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;

  value += strspn (value, " \t");
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      return (gint64)MIN (seconds, (guint64)G_MAXINT32);
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;

  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (date, now) / G_TIME_SPAN_SECOND, 0);
}

static gboolean
is_utf8_charset (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 ||
         g_ascii_strcasecmp (charset, "utf8") == 0 ||
         g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
         g_ascii_strcasecmp (charset, "ascii") == 0;
}

static GBytes *
convert_to_utf8 (GBytes      *body,
                 const char  *charset,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  gsize written = 0;
  const char *data = g_bytes_get_data (body, &size);
  char *converted;

  if (charset == NULL || is_utf8_charset (charset) || size == 0)
    return g_bytes_ref (body);

  converted = g_convert (data, size, "UTF-8", charset, NULL, &written, &local_error);
  if (converted == NULL)
    {
      g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_CHARSET,
                   _("The server says the text is in “%s”, but it could not be read as such"),
                   charset);
      return NULL;
    }

  return g_bytes_new_take (converted, written);
}

/* Reads the body in chunks and gives up as soon as it passes the cap or the
 * deadline, so memory stays bounded whatever the server sends. */
static GBytes *
read_body (StoryHttp     *self,
           gsize          max_body_size,
           GInputStream  *stream,
           gint64         started,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (READ_CHUNK_SIZE);

  for (;;)
    {
      gssize n_read = g_input_stream_read (stream, chunk, READ_CHUNK_SIZE, cancellable, error);

      if (n_read < 0)
        return NULL;
      if (n_read == 0)
        break;

      if (body->len + (gsize)n_read > max_body_size)
        {
          set_too_large_error (max_body_size, error);
          return NULL;
        }
      g_byte_array_append (body, chunk, n_read);

      if (g_get_monotonic_time () - started > (gint64)self->deadline * G_USEC_PER_SEC)
        {
          g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TIMEOUT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The server is too slow: the answer took more than %u second",
                                    "The server is too slow: the answer took more than %u seconds",
                                    self->deadline),
                       self->deadline);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

static void
cancel_request_cb (GCancellable *cancellable,
                   GCancellable *request_cancellable)
{
  g_cancellable_cancel (request_cancellable);
}

/* The standard phrase, which libsoup 3.2 lacks for a few codes, else the server's. */
static const char *
status_phrase (guint       status,
               const char *server_reason)
{
  if (status == 429)
    return "Too Many Requests";
  if (server_reason != NULL && *server_reason != '\0' &&
      g_strcmp0 (server_reason, "Unknown Error") != 0)
    return server_reason;

  return soup_status_get_phrase (status);
}

/* Gives up on a body: cancelling first makes libsoup drop the connection
 * instead of reading the rest of the answer to keep it alive. */
static void
abort_stream (GInputStream *stream,
              GCancellable *request_cancellable)
{
  g_cancellable_cancel (request_cancellable);
  g_input_stream_close (stream, NULL, NULL);
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static SoupMessage *
new_message (const StoryHttpRequest  *request,
             const char              *url,
             gboolean                 conditional,
             GError                 **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessageHeaders *headers;
  SoupMessage *message;

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_autofree char *shown = story_url_redact (url);

      g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a web address Storyline can open"), shown);
      return NULL;
    }

  message = soup_message_new_from_uri (request->method ? request->method : SOUP_METHOD_GET, uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);

  if (request->headers != NULL && same_origin (request->url, url))
    {
      for (guint i = 0; request->headers[i] != NULL && request->headers[i + 1] != NULL; i += 2)
        soup_message_headers_replace (headers, request->headers[i], request->headers[i + 1]);
    }
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message,
                                              request->content_type ? request->content_type
                                                                    : "application/json",
                                              request->body);

  if (request->accept != NULL)
    soup_message_headers_replace (headers, "Accept", request->accept);
  if (conditional && request->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->etag);
  if (conditional && request->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", request->last_modified);

  return message;
}

/* A request's credentials, given only to the server of its own address. */
typedef struct
{
  const StoryHttpRequest *request;
  GUri                   *origin;
  GError                 *login_error;
  gboolean                given;   /* the credentials went out once */
} Login;

static void
login_clear (Login *login)
{
  g_clear_error (&login->login_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Login, login_clear)

static gboolean
authenticate_cb (SoupMessage *message,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 Login       *login)
{
  g_autofree char *credentials = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  /* A challenge after they went out means they were refused: the 401 says
   * so. A first one may come as a retry too, when libsoup tried credentials
   * it keeps for the server (another source's, on the same server). */
  if (login->given || soup_auth_is_for_proxy (auth) || login->origin == NULL ||
      !story_uri_same_origin (soup_message_get_uri (message), login->origin))
    return FALSE;
  login->given = TRUE;

  g_clear_error (&login->login_error);
  credentials = login->request->login_func (login->request->login_data, &login->login_error);
  if (credentials == NULL)
    return FALSE;

  if (story_login_parse (credentials, &user, &password))
    soup_auth_authenticate (auth, user, password);
  story_str_wipe (g_steal_pointer (&credentials));
  story_str_wipe (g_steal_pointer (&user));
  story_str_wipe (g_steal_pointer (&password));

  return FALSE;
}

static StoryHttpResponse *
get_following_redirects (StoryHttp               *self,
            const StoryHttpRequest  *request,
            gint64                  *retry_after,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(StoryHttpResponse) response = g_new0 (StoryHttpResponse, 1);
  g_autofree char *url = g_strdup (request->url);
  gboolean all_permanent = TRUE;
  gint64 started = g_get_monotonic_time ();
  gsize max_body_size = request->max_body_size > 0
                          ? MIN (request->max_body_size, self->max_body_size)
                          : self->max_body_size;
  g_autoptr(GUri) origin = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  g_auto(Login) login = { request, origin, NULL, FALSE };

  for (guint n_redirects = 0; ; n_redirects++)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) raw = NULL;
      SoupMessageHeaders *headers;
      GHashTable *params = NULL;
      const char *content_type;
      guint status;

      /* Conditional headers only make sense for the URL they were stored for. */
      message = new_message (request, url, n_redirects == 0 || all_permanent, error);
      if (message == NULL)
        return NULL;
      if (request->login_func != NULL)
        g_signal_connect (message, "authenticate", G_CALLBACK (authenticate_cb), &login);

      stream = soup_session_send (self->session, message, cancellable, &local_error);
      if (stream == NULL)
        {
          if (g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
            set_certificate_error (soup_message_get_tls_peer_certificate_errors (message), error);
          else
            propagate_network_error (self, g_steal_pointer (&local_error), error);
          return NULL;
        }

      status = soup_message_get_status (message);
      headers = soup_message_get_response_headers (message);

      if (is_redirect (status) && request->method != NULL &&
          !g_str_equal (request->method, SOUP_METHOD_GET))
        {
          g_input_stream_close (stream, NULL, NULL);
          g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_STATUS,
                       _("The server answered %u %s"), status,
                       status_phrase (status, soup_message_get_reason_phrase (message)) ?: "");
          return NULL;
        }

      if (is_redirect (status))
        {
          const char *location = soup_message_headers_get_one (headers, "Location");
          g_autofree char *next = NULL;

          g_input_stream_close (stream, NULL, NULL);

          if (location != NULL)
            next = g_uri_resolve_relative (url, location, SOUP_HTTP_URI_FLAGS, NULL);
          if (next == NULL)
            {
              g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_FAILED,
                           _("The server answered %u but did not say where to go"), status);
              return NULL;
            }
          if (n_redirects >= self->max_redirects)
            {
              g_set_error_literal (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_TOO_MANY_REDIRECTS,
                                   _("Too many redirects"));
              return NULL;
            }

          all_permanent = all_permanent && (status == 301 || status == 308);
          g_free (url);
          url = g_steal_pointer (&next);
          continue;
        }

      response->status = status;
      response->url = g_strdup (url);
      if (n_redirects > 0 && all_permanent)
        response->permanent_url = g_strdup (url);
      response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      response->last_modified = g_strdup (soup_message_headers_get_one (headers,
                                                                        "Last-Modified"));
      response->headers = copy_headers (headers);

      if (status == SOUP_STATUS_NOT_MODIFIED)
        {
          g_input_stream_close (stream, NULL, NULL);
          response->not_modified = TRUE;
          return g_steal_pointer (&response);
        }

      if ((status == 429 || status == 503) && retry_after != NULL)
        *retry_after = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));

      /* An API says in its body what was wrong (a bad key, a spent quota):
       * the caller reads it. The body is small, or it is not an explanation. */
      if (status >= 400 && request->keep_error_body)
        max_body_size = MIN (max_body_size, MAX_ERROR_BODY_SIZE);
      else if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          const char *reason = status_phrase (status, soup_message_get_reason_phrase (message));

          abort_stream (stream, cancellable);
          /* Asked for a password that the keyring would not give: that is why. */
          if (status == SOUP_STATUS_UNAUTHORIZED && login.login_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&login.login_error));
              return NULL;
            }
          g_set_error (error, STORY_HTTP_ERROR, STORY_HTTP_ERROR_STATUS,
                       _("The server answered %u %s"), status, reason ? reason : "");
          return NULL;
        }

      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          soup_message_headers_get_content_length (headers) > (goffset)max_body_size)
        {
          abort_stream (stream, cancellable);
          set_too_large_error (max_body_size, error);
          return NULL;
        }

      raw = read_body (self, max_body_size, stream, started, cancellable, &local_error);
      if (raw == NULL)
        {
          abort_stream (stream, cancellable);
          propagate_network_error (self, g_steal_pointer (&local_error), error);
          return NULL;
        }
      g_input_stream_close (stream, NULL, NULL);

      content_type = soup_message_headers_get_content_type (headers, &params);
      if (content_type != NULL)
        response->content_type = g_ascii_strdown (content_type, -1);

      response->body = convert_to_utf8 (raw, params ? g_hash_table_lookup (params, "charset")
                                                    : NULL,
                                        error);
      g_clear_pointer (&params, g_hash_table_unref);
      if (response->body == NULL)
        return NULL;

      return g_steal_pointer (&response);
    }
}

/**
 * story_http_get:
 * @request: what to fetch, with the validators of the last answer
 * @retry_after: (out) (optional): on a 429 or 503, how many seconds the server
 *   asked us to wait (0 when it did not say)
 *
 * Fetches one URL synchronously, following redirects up to the limit. Call it
 * from a worker thread.
 *
 * Returns: (transfer full): the answer (a 304 is an answer, with
 *   @not_modified set), or %NULL with @error set to a sentence a user can read
 */
StoryHttpResponse *
story_http_get (StoryHttp               *self,
                const StoryHttpRequest  *request,
                gint64                  *retry_after,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autoptr(GCancellable) request_cancellable = g_cancellable_new ();
  StoryHttpResponse *response;
  gulong handler = 0;

  g_return_val_if_fail (STORY_IS_HTTP (self), NULL);
  g_return_val_if_fail (request != NULL && request->url != NULL, NULL);

  if (retry_after != NULL)
    *retry_after = 0;

  /* Each request gets its own cancellable, cancelled when it ends early: closing
   * a body stream that was not read to the end then drops the connection at
   * once instead of draining what is left of a huge answer. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_request_cb),
                                     request_cancellable, NULL);

  response = get_following_redirects (self, request, retry_after, request_cancellable, error);

  g_cancellable_cancel (request_cancellable);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  return response;
}
