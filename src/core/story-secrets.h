/* story-secrets.h
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STORY_SECRETS_ERROR (story_secrets_error_quark ())

typedef enum
{
  STORY_SECRETS_ERROR_UNAVAILABLE, /* no secret service, or it failed */
  STORY_SECRETS_ERROR_LOCKED,      /* the keyring is locked and stayed so */
} StorySecretsError;

/* What a secret is, the "kind" attribute of its keyring item. */
#define STORY_SECRET_PASSWORD  "password"
#define STORY_SECRET_API_KEY   "api-key"
/* The user name and password a feed's address carried ("user:password",
 * percent-encoded as in the address). The address is stored without them. */
#define STORY_SECRET_URL_LOGIN "url-login"

GQuark   story_secrets_error_quark   (void);

/* Blocking; callable from any thread (the sync engine runs on a worker thread). */
gboolean story_secrets_store_sync    (gint64               source_id,
                                      const char          *kind,
                                      const char          *label,
                                      const char          *secret,
                                      GCancellable        *cancellable,
                                      GError             **error);
char    *story_secrets_lookup_sync   (gint64               source_id,
                                      const char          *kind,
                                      GCancellable        *cancellable,
                                      GError             **error);
gboolean story_secrets_clear_sync    (gint64               source_id,
                                      const char          *kind,
                                      GCancellable        *cancellable,
                                      GError             **error);

/* For the UI: */
void     story_secrets_store_async   (gint64               source_id,
                                      const char          *kind,
                                      const char          *label,
                                      const char          *secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean story_secrets_store_finish  (GAsyncResult        *result,
                                      GError             **error);

/* Wipes and frees a secret story_secrets_lookup_sync() returned. */
void     story_secrets_free          (char                *secret);

/* So that `g_autoptr(StorySecret) secret = story_secrets_lookup_sync (…)` wipes it. */
typedef char StorySecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StorySecret, story_secrets_free)

G_END_DECLS
