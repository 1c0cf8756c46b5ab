/* story-provider.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "story-article.h"
#include "story-http.h"
#include "story-json-feed.h"
#include "story-store.h"

G_BEGIN_DECLS

#define STORY_PROVIDER_ERROR (story_provider_error_quark ())

typedef enum
{
  STORY_PROVIDER_ERROR_FAILED,
  STORY_PROVIDER_ERROR_UNKNOWN_KIND,
  STORY_PROVIDER_ERROR_NOT_AN_API,    /* the document is not what the API answers */
  STORY_PROVIDER_ERROR_NEEDS_KEY,     /* no API key is known for the source */
  STORY_PROVIDER_ERROR_BAD_KEY,       /* the service refused the key */
  STORY_PROVIDER_ERROR_RATE_LIMITED,  /* the service's quota or rate limit is spent */
  STORY_PROVIDER_ERROR_SERVICE,       /* the service said something else went wrong */
} StoryProviderError;

/* The source kinds, as stored in sources.kind. */
#define STORY_PROVIDER_JSON_FEED  "json-feed"
#define STORY_PROVIDER_WORDPRESS  "wordpress"
#define STORY_PROVIDER_GUARDIAN   "guardian"
#define STORY_PROVIDER_NEWSAPI    "newsapi"
#define STORY_PROVIDER_GNEWS      "gnews"
#define STORY_PROVIDER_MINIFLUX   "miniflux"
#define STORY_PROVIDER_NEXTCLOUD_NEWS "nextcloud-news"

/* Longer plain-text fields than these are cut: nobody reads a 50 MB title. */
#define STORY_PROVIDER_MAX_TITLE_CHARS   1000
#define STORY_PROVIDER_MAX_SUMMARY_CHARS 4000
#define STORY_PROVIDER_MAX_TAGS          32

/* What a provider knows of the source it works for, during one sync. */
typedef struct
{
  const char *url;        /* the source's address (never with a key in it) */
  const char *api_key;    /* (nullable): from the keyring; never logged or stored */
  const char *login;      /* (nullable): "user:password" from the keyring, percent-encoded */
  const char *cursor;     /* (nullable): where the last successful sync stopped */
  gint64      started;    /* unix time the sync started */
} StoryProviderContext;

/* One request the sync makes. The provider fills it; the sync sends it. */
typedef struct
{
  char      *url;           /* with the key when the API wants it in the query */
  char      *accept;
  GPtrArray *headers;       /* name, value, …, NULL */
} StoryProviderRequest;

typedef struct _StoryProvider StoryProvider;

/* One kind of source: JSON Feed, a publisher API, a sync service. Each lives
 * in src/core/providers/story-provider-<kind>.c and fills one of these.
 * Every function runs on the sync's worker thread and may block. */
struct _StoryProvider
{
  const char *kind;           /* sources.kind */
  const char *name;           /* the service's name, for people, marked for translation */
  gboolean    needs_api_key;
  gboolean    needs_login;    /* a user name and (app) password, from the pasted address */
  gboolean    two_way;        /* read/starred state goes back to the service */
  gboolean    follows_moves;  /* a permanent redirect updates the source's address */
  gboolean    key_in_query;   /* the key travels in the URL, so the URL is never kept */
  guint       max_pages;      /* pages per sync, at most */

  /* Whether @uri is obviously this kind (a known API host). Optional. */
  gboolean    (*detect_url)   (GUri                         *uri);

  /* The address of the first page to ask for: the source's own, or the API
   * endpoint under it, with the incremental cursor. Optional: the source's
   * address when NULL. */
  char       *(*first_page)   (const StoryProviderContext   *context);

  /* Adds what a request of @page_url needs: the API key, the media types. */
  void        (*prepare)      (const StoryProviderContext   *context,
                               const char                   *page_url,
                               StoryProviderRequest         *request);

  /* Reads one page. The result's next_url is the next page's address
   * (without a key), or NULL on the last page. */
  StoryFeed  *(*parse)        (GBytes                       *body,
                               StoryHttpResponse            *response,
                               const char                   *page_url,
                               GError                      **error);

  /* Explains an answer of 400 or more, in the service's own words. Optional:
   * a generic sentence with the status when NULL. */
  void        (*explain_error) (guint                        status,
                                GBytes                      *body,
                                GError                     **error);

  /* The cursor to keep once every page is stored. Optional. */
  char       *(*next_cursor)  (const StoryProviderContext   *context,
                               GPtrArray                    *articles);

  /* Sends queued changes, oldest first. Returns how many went through (they
   * are removed from the queue); a failure sets @error. Two-way kinds only. */
  gboolean    (*push_changes) (const StoryProviderContext   *context,
                               StoryHttp                    *http,
                               GPtrArray                    *changes,
                               guint                        *n_pushed,
                               GCancellable                 *cancellable,
                               GError                      **error);
};

GQuark               story_provider_error_quark      (void);
const StoryProvider *story_provider_for_kind         (const char                 *kind);
const StoryProvider *story_provider_detect_url       (const char                 *url);
const StoryProvider * const *story_provider_list     (void);
const char          *story_provider_get_display_name (const StoryProvider        *provider);

StoryProviderRequest *story_provider_request_new     (const char                 *url);
void                 story_provider_request_add_header (StoryProviderRequest     *request,
                                                        const char               *name,
                                                        const char               *value);
void                 story_provider_request_free     (StoryProviderRequest       *request);
StoryProviderRequest *story_provider_build_request   (const StoryProvider        *provider,
                                                      const StoryProviderContext *context,
                                                      const char                 *page_url);
void                 story_provider_set_status_error (const StoryProvider        *provider,
                                                      guint                       status,
                                                      GBytes                     *body,
                                                      GError                    **error);

char                *story_provider_url_with_param   (const char                 *url,
                                                      const char                 *name,
                                                      const char                 *value);
char                *story_provider_url_strip_params (const char                 *url,
                                                      const char * const         *names,
                                                      char                      **removed_value);
char                *story_provider_clean_text       (const char                 *text,
                                                      gsize                       max_chars);
gboolean             story_provider_check_json_shape (const char                 *data,
                                                      gsize                       size,
                                                      GError                    **error);
JsonParser          *story_provider_load_json        (GBytes                     *body,
                                                      GError                    **error);
char                *story_provider_html_to_plain    (const char                 *html,
                                                      gsize                       max_chars);
char                *story_provider_text_to_html     (const char                 *text);
char                *story_provider_web_url          (const char                 *base_url,
                                                      const char                 *url);
char                *story_provider_get_query_param  (const char                 *url,
                                                      const char                 *name);
void                 story_provider_add_tag          (GPtrArray                  *tags,
                                                      const char                 *tag);
void                 story_provider_set_tags         (StoryArticle               *article,
                                                      GPtrArray                  *tags);
void                 story_provider_set_author       (StoryArticle               *article,
                                                      const char                 *name);
StoryFeed           *story_provider_new_page         (void);
char                *story_provider_next_page_url    (const char                 *page_url,
                                                      const char                 *param,
                                                      gint64                      n_pages);
gint64               story_provider_json_int         (JsonObject                 *object,
                                                      const char                 *member,
                                                      gint64                      default_value);
char                *story_provider_service_message  (GBytes                     *body,
                                                      const char                 *member);
gboolean             story_provider_send_json        (const StoryProvider        *provider,
                                                      const StoryProviderContext *context,
                                                      StoryHttp                  *http,
                                                      const char                 *url,
                                                      const char                 *method,
                                                      JsonBuilder                *builder,
                                                      GCancellable               *cancellable,
                                                      GError                    **error);
/* Sends one run of changes to numbered entries: ids (gint64) all to get @field = @value. */
typedef gboolean (*StoryProviderSendIds) (const StoryProviderContext *context,
                                          StoryHttp                  *http,
                                          GArray                     *ids,
                                          StoryChangeField            field,
                                          gboolean                    value,
                                          GCancellable               *cancellable,
                                          GError                    **error);

gboolean             story_provider_push_numbered_runs (const StoryProviderContext *context,
                                                      StoryHttp                  *http,
                                                      GPtrArray                  *changes,
                                                      guint                       max_batch,
                                                      StoryProviderSendIds        send,
                                                      guint                      *n_pushed,
                                                      GCancellable               *cancellable,
                                                      GError                    **error);
char                *story_provider_changed_since_cursor (const char             *cursor,
                                                      GPtrArray                  *articles,
                                                      gint64                      margin);
/* Makes one article of a headline API's page; %NULL to skip it. */
typedef StoryArticle *(*StoryHeadlineParser) (JsonObject *object,
                                              const char *category);

StoryFeed           *story_provider_headline_page    (JsonObject                 *root,
                                                      JsonArray                  *articles,
                                                      const char                 *page_url,
                                                      StoryHeadlineParser         parse,
                                                      const char                 *total_member,
                                                      const char                 *size_param,
                                                      gint64                      default_size);
StoryArticle        *story_provider_parse_headline   (JsonObject                 *object,
                                                      const char                 *image_member,
                                                      const char                 *teaser,
                                                      const char                 *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryProviderRequest, story_provider_request_free)

/* The providers, each in its own file. */
extern const StoryProvider story_provider_json_feed;
extern const StoryProvider story_provider_wordpress;
extern const StoryProvider story_provider_guardian;
extern const StoryProvider story_provider_newsapi;
extern const StoryProvider story_provider_gnews;
extern const StoryProvider story_provider_miniflux;
extern const StoryProvider story_provider_nextcloud_news;

G_END_DECLS
