/* test-renderer.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Which GSK renderer the app asks for: cairo where no GPU can be reached, GTK's own
 * choice where a DRM render node is there. */

#include "config.h"

#include <glib/gstdio.h>

#include "story-application.h"

static void
test_render_node_keeps_gtk_choice (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-dri-XXXXXX", &error);
  g_autofree char *card = NULL;
  g_autofree char *node = NULL;

  g_assert_no_error (error);

  /* A display controller alone (card0) does not draw: still no GPU to render with. */
  card = g_build_filename (dir, "card0", NULL);
  g_assert_true (g_file_set_contents (card, "", 0, &error));
  if (!g_file_test ("/dev/nvidia0", G_FILE_TEST_EXISTS))
    g_assert_cmpstr (story_application_pick_renderer (dir), ==, "cairo");

  node = g_build_filename (dir, "renderD128", NULL);
  g_assert_true (g_file_set_contents (node, "", 0, &error));
  g_assert_null (story_application_pick_renderer (dir));

  g_remove (node);
  g_remove (card);
  g_rmdir (dir);
}

static void
test_no_dri_is_cairo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("storyline-dri-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "dri", NULL);

  g_assert_no_error (error);
  if (g_file_test ("/dev/nvidia0", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("This machine has the NVIDIA driver's device");
      g_rmdir (dir);
      return;
    }

  g_assert_cmpstr (story_application_pick_renderer (missing), ==, "cairo");
  g_rmdir (dir);
}

/* GSK_RENDERER set by the user is left as it is. */
static void
test_user_choice_wins (void)
{
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  story_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");

  g_unsetenv ("GSK_RENDERER");
  story_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, story_application_pick_renderer ("/dev/dri"));
}

/* Without a GPU, GDK's GL set-up is turned off for the start, unless the user set
 * GDK_DEBUG; with one, GDK_DEBUG is left alone. */
static void
test_gl_disabled_without_gpu (void)
{
  g_unsetenv ("GSK_RENDERER");
  g_setenv ("GDK_DEBUG", "interactive", TRUE);
  story_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "interactive");

  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  story_application_choose_renderer ();
  if (story_application_pick_renderer ("/dev/dri") != NULL)
    g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");
  else
    g_assert_null (g_getenv ("GDK_DEBUG"));

  /* A renderer the user chose leaves GL to GTK. */
  g_unsetenv ("GDK_DEBUG");
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  story_application_choose_renderer ();
  g_assert_null (g_getenv ("GDK_DEBUG"));

  g_unsetenv ("GSK_RENDERER");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/render-node-keeps-gtk-choice", test_render_node_keeps_gtk_choice);
  g_test_add_func ("/renderer/no-dri-is-cairo", test_no_dri_is_cairo);
  g_test_add_func ("/renderer/user-choice-wins", test_user_choice_wins);
  g_test_add_func ("/renderer/gl-disabled-without-gpu", test_gl_disabled_without_gpu);

  return g_test_run ();
}
