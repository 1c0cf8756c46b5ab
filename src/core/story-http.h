/* story-http.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STORY_HTTP_ERROR (story_http_error_quark ())

typedef enum
{
  STORY_HTTP_ERROR_FAILED,
  STORY_HTTP_ERROR_INVALID_URL,
  STORY_HTTP_ERROR_STATUS,
  STORY_HTTP_ERROR_TIMEOUT,
  STORY_HTTP_ERROR_TOO_LARGE,
  STORY_HTTP_ERROR_TOO_MANY_REDIRECTS,
  STORY_HTTP_ERROR_CHARSET,
} StoryHttpError;

#define STORY_HTTP_DEFAULT_MAX_BODY_SIZE (20 * 1024 * 1024)

/* What one GET brought back. */
typedef struct
{
  guint   status;
  GBytes *body;            /* (nullable): NULL when not modified; UTF-8 when a charset was declared */
  gboolean not_modified;   /* 304: the cached copy is current */
  char   *etag;            /* (nullable) */
  char   *last_modified;   /* (nullable) */
  char   *content_type;    /* (nullable): the media type, without parameters, lower case */
  char   *url;             /* the URL the body came from, after redirects */
  char   *permanent_url;   /* (nullable): set when every redirect was permanent (301/308) */
  GHashTable *headers;     /* the response headers: lower-case name → value */
} StoryHttpResponse;

/* Gives the user name and password for a request whose server asks for them,
 * as "user:password" percent-encoded (see story_login_parse()); %NULL when there
 * are none, with @error set when they could not be read. Called on the thread
 * of story_http_get(), only when the server asks (HTTP 401). The result is
 * wiped once used. */
typedef char *(*StoryHttpLoginFunc) (gpointer   user_data,
                                     GError   **error);

/* How to ask: conditional headers come from the last answer. */
typedef struct
{
  const char *url;
  const char *accept;          /* (nullable) */
  const char *etag;            /* (nullable) */
  const char *last_modified;   /* (nullable) */
  gsize       max_body_size;   /* 0: the client's cap; else the smaller of the two */
  const char * const *headers; /* (nullable): more headers, as name, value, …, NULL; sent only
                                * to the origin of @url, never after a redirect elsewhere */
  const char *method;          /* (nullable): "GET" when NULL; others never follow redirects */
  GBytes     *body;            /* (nullable): the request body, sent as @content_type */
  const char *content_type;    /* (nullable) */
  gboolean    keep_error_body; /* an answer of 400 or more comes back as a response with its
                                * status and (capped) body, for APIs that explain errors */
  StoryHttpLoginFunc login_func; /* (nullable): credentials for @url's server only */
  gpointer    login_data;
} StoryHttpRequest;

#define STORY_TYPE_HTTP (story_http_get_type ())
G_DECLARE_FINAL_TYPE (StoryHttp, story_http, STORY, HTTP, GObject)

GQuark             story_http_error_quark         (void);
StoryHttp         *story_http_new                 (void);
const char        *story_http_get_user_agent      (StoryHttp               *self);
void               story_http_set_timeout         (StoryHttp               *self,
                                                   guint                    seconds);
guint              story_http_get_timeout         (StoryHttp               *self);
void               story_http_set_deadline        (StoryHttp               *self,
                                                   guint                    seconds);
void               story_http_set_max_body_size   (StoryHttp               *self,
                                                   gsize                    max_body_size);
gsize              story_http_get_max_body_size   (StoryHttp               *self);
void               story_http_set_max_redirects   (StoryHttp               *self,
                                                   guint                    max_redirects);
StoryHttpResponse *story_http_get                 (StoryHttp               *self,
                                                   const StoryHttpRequest  *request,
                                                   gint64                  *retry_after,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);
void               story_http_response_free       (StoryHttpResponse       *response);
const char        *story_http_response_get_header (StoryHttpResponse       *response,
                                                   const char              *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryHttpResponse, story_http_response_free)

G_END_DECLS
