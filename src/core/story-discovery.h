/* story-discovery.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "story-http.h"

G_BEGIN_DECLS

#define STORY_DISCOVERY_ERROR (story_discovery_error_quark ())

typedef enum
{
  STORY_DISCOVERY_ERROR_INVALID_URL,
  STORY_DISCOVERY_ERROR_NO_FEED,
  STORY_DISCOVERY_ERROR_NOT_A_FEED,
} StoryDiscoveryError;

/* A feed a web page links to. */
typedef struct
{
  char *url;
  char *title;   /* (nullable): the link's own title */
} StoryFeedLink;

/* What a pasted address turned out to be: a feed, or a page linking some. */
typedef struct
{
  char      *feed_url;    /* (nullable): set when the address is a source itself */
  char      *feed_title;  /* (nullable): that source's title */
  GPtrArray *links;       /* (element-type StoryFeedLink): feeds a page links to; empty for a feed */
  char      *kind;        /* the kind of source feed_url is (json-feed for the links) */
  gboolean   needs_api_key; /* the source needs an API key before it can sync */
  gboolean   needs_login; /* the source needs a user name and password in its address */
  char      *api_key;     /* (nullable): a key the pasted address carried, taken out of
                           * feed_url: for the keyring, never to be shown or stored elsewhere */
} StoryDiscovery;

GQuark          story_discovery_error_quark (void);
char           *story_discovery_normalize_url (const char       *text);
GPtrArray      *story_discovery_find_links  (const char         *html,
                                             gsize               length,
                                             const char         *base_url);
char           *story_discovery_find_wordpress_api (const char   *html,
                                             gsize               length,
                                             const char         *base_url);
StoryDiscovery *story_discover              (StoryHttp          *http,
                                             const char         *url,
                                             GCancellable       *cancellable,
                                             GError            **error);
void            story_discover_async        (StoryHttp          *http,
                                             const char         *url,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
StoryDiscovery *story_discover_finish       (GAsyncResult       *result,
                                             GError            **error);
void            story_feed_link_free        (StoryFeedLink      *link);
void            story_discovery_free        (StoryDiscovery     *discovery);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryFeedLink, story_feed_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoryDiscovery, story_discovery_free)

G_END_DECLS
