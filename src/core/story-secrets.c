/* story-secrets.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Passwords and API keys live in the desktop keyring, through libsecret and
 * the Secret Service: never in GSettings, the database or a log (DESIGN.md
 * §3). Each secret is one keyring item, found by the id of the source it
 * belongs to and by what it is (its kind).
 *
 * The keyring may be missing (no Secret Service on the session bus) or
 * locked: every failure becomes an error that says so in words, and the
 * secret itself is never part of a message or a log line. Copies this module
 * makes are wiped before they are freed. */

#define G_LOG_DOMAIN "story-secrets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "story-secrets.h"

G_DEFINE_QUARK (story-secrets-error-quark, story_secrets_error)

typedef enum
{
  OPERATION_STORE,
  OPERATION_LOOKUP,
  OPERATION_CLEAR,
} Operation;

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Secret", SECRET_SCHEMA_NONE,
    {
      { "source-id", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
new_attributes (gint64      source_id,
                const char *kind)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer)"source-id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, source_id));
  if (kind != NULL)
    g_hash_table_insert (attributes, (gpointer)"kind", g_strdup (kind));

  return attributes;
}

static gboolean
is_api_key (const char *kind)
{
  return g_strcmp0 (kind, STORY_SECRET_API_KEY) == 0;
}

/* The words for a failure. @cause only goes to the debug log: it names the
 * D-Bus error, never a secret, but is no help to a reader. */
static void
set_error (GError     **error,
           GError      *cause,
           Operation    operation,
           const char  *kind)
{
  g_autoptr(GError) owned_cause = cause;
  gboolean locked;
  const char *message = NULL;

  if (owned_cause != NULL && g_error_matches (owned_cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&owned_cause));
      return;
    }

  /* No error at all: a prompt to unlock the keyring was dismissed. */
  locked = owned_cause == NULL || g_error_matches (owned_cause, SECRET_ERROR,
                                                   SECRET_ERROR_IS_LOCKED);

  g_debug ("The keyring failed (kind %s): %s", kind ? kind : "any",
           owned_cause != NULL ? owned_cause->message : "locked");

  switch (operation)
    {
    case OPERATION_STORE:
      if (locked)
        message = is_api_key (kind)
                    ? _("The keyring is locked, so the API key was not saved. Unlock it and try again.")
                    : _("The keyring is locked, so the password was not saved. Unlock it and try again.");
      else
        message = is_api_key (kind)
                    ? _("No keyring is available to keep the API key, so it was not saved. "
                        "Storyline never writes API keys to its cache.")
                    : _("No keyring is available to keep the password, so it was not saved. "
                        "Storyline never writes passwords to its cache.");
      break;

    case OPERATION_LOOKUP:
      if (locked)
        message = is_api_key (kind)
                    ? _("The keyring is locked, so the saved API key could not be read. "
                        "Unlock it and try again.")
                    : _("The keyring is locked, so the saved password could not be read. "
                        "Unlock it and try again.");
      else
        message = is_api_key (kind)
                    ? _("No keyring is available, so the saved API key could not be read.")
                    : _("No keyring is available, so the saved password could not be read.");
      break;

    case OPERATION_CLEAR:
      message = locked
                  ? _("The keyring is locked, so the saved passwords and keys could not be "
                      "removed. Unlock it and try again.")
                  : _("No keyring is available, so the saved passwords and keys could not be "
                      "removed.");
      break;

    default:
      g_assert_not_reached ();
    }

  g_set_error_literal (error, STORY_SECRETS_ERROR,
                       locked ? STORY_SECRETS_ERROR_LOCKED : STORY_SECRETS_ERROR_UNAVAILABLE,
                       message);
}

/* The test suite (STORYLINE_TESTS set by tests/meson.build) may only use the
 * throwaway keyring that build-aux/keyring-session starts (STORY_TEST_KEYRING):
 * a developer running `meson test` on their own session bus would otherwise have
 * tests clear their real Storyline items, which are found by source id. Such a run
 * finds no keyring, as on a machine without one. */
static gboolean
refuse_for_tests (Operation    operation,
                  const char  *kind,
                  GError     **error)
{
  if (g_getenv ("STORYLINE_TESTS") == NULL || g_getenv ("STORY_TEST_KEYRING") != NULL)
    return FALSE;

  set_error (error, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                         "the tests use only their own keyring"),
             operation, kind);
  return TRUE;
}

/**
 * story_secrets_store_sync:
 * @source_id: the source the secret belongs to
 * @kind: what it is: %STORY_SECRET_PASSWORD, %STORY_SECRET_API_KEY…
 * @label: the item's name in the keyring (Seahorse shows it), e.g.
 *   "Storyline: The Guardian"
 * @secret: the secret; it replaces one of the same source and kind
 *
 * Keeps @secret in the default keyring. Blocks; any thread.
 *
 * Returns: whether it is kept; else @error says why in words
 */
gboolean
story_secrets_store_sync (gint64         source_id,
                          const char    *kind,
                          const char    *label,
                          const char    *secret,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refuse_for_tests (OPERATION_STORE, kind, error))
    return FALSE;

  attributes = new_attributes (source_id, kind);
  if (secret_password_storev_sync (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                                   secret, cancellable, &local_error))
    {
      g_debug ("Stored the %s of source %" G_GINT64_FORMAT " in the keyring", kind, source_id);
      return TRUE;
    }

  set_error (error, local_error, OPERATION_STORE, kind);
  return FALSE;
}

/**
 * story_secrets_lookup_sync:
 * @source_id: the source the secret belongs to
 * @kind: what it is
 *
 * Finds a secret in the keyring. Blocks; any thread.
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with
 *   story_secrets_free(); %NULL without @error when none is stored, %NULL
 *   with @error set when the keyring cannot be asked
 */
char *
story_secrets_lookup_sync (gint64         source_id,
                           const char    *kind,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  SecretValue *value = NULL;
  GList *items;
  const char *text;
  char *secret;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (refuse_for_tests (OPERATION_LOOKUP, kind, error))
    return NULL;

  /* A search and a retrieval rather than secret_password_lookupv_sync(),
   * which leaks the D-Bus reply in libsecret 0.20 (build-aux/test-asan). */
  attributes = new_attributes (source_id, kind);
  items = secret_password_searchv_sync (get_schema (), attributes, SECRET_SEARCH_UNLOCK,
                                        cancellable, &local_error);
  if (local_error == NULL && items != NULL)
    value = secret_retrievable_retrieve_secret_sync (items->data, cancellable, &local_error);
  g_list_free_full (items, g_object_unref);

  if (local_error != NULL)
    {
      set_error (error, local_error, OPERATION_LOOKUP, kind);
      return NULL;
    }
  if (value == NULL)
    return NULL;

  text = secret_value_get_text (value);
  secret = g_strdup (text);
  secret_value_unref (value);
  g_debug ("Found the %s of source %" G_GINT64_FORMAT " in the keyring", kind, source_id);

  /* Not text: not a secret Storyline stored. */
  if (secret == NULL)
    g_debug ("A keyring item of source %" G_GINT64_FORMAT " is not text", source_id);

  return secret;
}

/**
 * story_secrets_clear_sync:
 * @source_id: the source the secrets belong to
 * @kind: (nullable): what to remove; %NULL: every secret of the source
 *
 * Removes secrets from the keyring. Having none is no error. Blocks; any
 * thread.
 *
 * Returns: whether none is left; else @error says why in words
 */
gboolean
story_secrets_clear_sync (gint64         source_id,
                          const char    *kind,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refuse_for_tests (OPERATION_CLEAR, kind, error))
    return FALSE;

  attributes = new_attributes (source_id, kind);
  /* FALSE without an error: there was nothing to remove. */
  secret_password_clearv_sync (get_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_error (error, local_error, OPERATION_CLEAR, kind);
      return FALSE;
    }

  return TRUE;
}

/**
 * story_secrets_free:
 * @secret: (nullable): a secret
 *
 * Overwrites @secret with zeros and frees it.
 */
void
story_secrets_free (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

typedef struct
{
  gint64  source_id;
  char   *kind;
  char   *label;
  char   *secret;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->kind);
  g_free (data->label);
  story_secrets_free (data->secret);
  g_free (data);
}

static void
store_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StoreData *data = task_data;
  GError *error = NULL;

  if (story_secrets_store_sync (data->source_id, data->kind, data->label, data->secret,
                                cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * story_secrets_store_async:
 *
 * story_secrets_store_sync() on a worker thread, for the UI. @secret is
 * copied, and the copy wiped once stored.
 */
void
story_secrets_store_async (gint64               source_id,
                           const char          *kind,
                           const char          *label,
                           const char          *secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (kind != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL);

  data = g_new0 (StoreData, 1);
  data->source_id = source_id;
  data->kind = g_strdup (kind);
  data->label = g_strdup (label);
  data->secret = g_strdup (secret);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, story_secrets_store_async);
  g_task_set_task_data (task, data, (GDestroyNotify)store_data_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
story_secrets_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == story_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
