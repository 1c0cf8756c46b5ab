/* test-article-page.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "story-article-page.h"
#include "story-sanitizer.h"

static void
test_fields_escaped (void)
{
  g_autoptr(StoryArticle) article = story_article_new ();
  g_autoptr(StoryArticle) other = story_article_new ();
  g_autoptr(GPtrArray) related = g_ptr_array_new ();
  g_autofree char *page = NULL;
  const char *authors[] = { "<img src=x onerror=alert(1)>", NULL };

  story_article_set_id (article, 7);
  story_article_set_title (article, "Tariffs <script>alert(1)</script> & more");
  story_article_set_source_title (article, "\"><b>Source</b>");
  story_article_set_theme_label (article, "US–EU <tariffs>");
  story_article_set_authors (article, authors);
  story_article_set_url (article, "javascript:alert(1)");
  story_article_set_content_html (article, "<p>Sanitized body</p>");
  story_article_set_published (article, 1795159800);

  story_article_set_id (other, 9);
  story_article_set_title (other, "Other <take>");
  story_article_set_source_title (other, "Second Outlet");
  g_ptr_array_add (related, other);

  page = story_article_page_render (article, related, NULL, "dark\" onload=\"x", FALSE,
                                    1795159800);

  /* Text fields are escaped; only the sanitized body is markup. */
  g_assert_null (strstr (page, "<script>"));
  g_assert_nonnull (strstr (page, "Tariffs &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
  g_assert_null (strstr (page, "<img src=x"));
  g_assert_null (strstr (page, "<b>Source</b>"));
  g_assert_null (strstr (page, "\" onload=\""));
  g_assert_nonnull (strstr (page, "<p>Sanitized body</p>"));
  /* A non-web link is not offered. */
  g_assert_null (strstr (page, "javascript:"));

  /* "More on this theme" links open in place. */
  g_assert_nonnull (strstr (page, "More on this theme"));
  g_assert_nonnull (strstr (page, "href=\"storyline://article/9\""));
  g_assert_nonnull (strstr (page, "Other &lt;take&gt;"));
  g_assert_nonnull (strstr (page, "Second Outlet"));
}

/* The page says why an article is in its theme, and a word from a feed
 * cannot become markup. */
static void
test_why_in_theme (void)
{
  g_autoptr(StoryArticle) article = story_article_new ();
  g_autofree char *page = NULL;
  g_autofree char *plain = NULL;
  const char *terms[] = { "Marren", "ceasefire", "<b>talks</b>", NULL };

  story_article_set_id (article, 3);
  story_article_set_title (article, "Talks resume");
  story_article_set_theme_label (article, "Marren ceasefire talks");
  story_article_set_content_html (article, "<p>Text</p>");

  page = story_article_page_render (article, NULL, terms, "light", FALSE, 0);
  g_assert_nonnull (strstr (page, "<p class=\"why\">In this theme for: Marren, ceasefire, "
                                  "&lt;b&gt;talks&lt;/b&gt;</p>"));
  g_assert_null (strstr (page, "<b>talks"));
  /* It follows the theme's name, before the headline. */
  g_assert_true (strstr (page, "class=\"theme\"") < strstr (page, "class=\"why\""));
  g_assert_true (strstr (page, "class=\"why\"") < strstr (page, "<h1>"));

  /* No words, or no theme: nothing to explain. */
  plain = story_article_page_render (article, NULL, (const char *[]) { NULL }, "light", FALSE, 0);
  g_assert_null (strstr (plain, "class=\"why\""));
  g_clear_pointer (&plain, g_free);
  story_article_set_theme_label (article, NULL);
  plain = story_article_page_render (article, NULL, terms, "light", FALSE, 0);
  g_assert_null (strstr (plain, "In this theme for"));
}

static void
test_hero_image (void)
{
  g_autoptr(StoryArticle) article = story_article_new ();
  g_autofree char *page = NULL;
  g_autofree char *image_uri = story_image_uri_for_url ("https://example.test/hero.jpg");

  story_article_set_id (article, 1);
  story_article_set_title (article, "With a hero");
  story_article_set_image (article, "https://example.test/hero.jpg");
  story_article_set_content_html (article, "<p>Text</p>");

  page = story_article_page_render (article, NULL, NULL, "light", FALSE, 0);
  g_assert_nonnull (strstr (page, image_uri));
  g_assert_null (strstr (page, "https://example.test/hero.jpg\""));
  g_assert_null (strstr (page, "More on this theme"));
}

static void
test_embeds_need_remote_content (void)
{
  g_autoptr(StoryArticle) article = story_article_new ();
  g_autoptr(StorySanitized) sanitized = NULL;
  g_autofree char *strict = NULL;
  g_autofree char *remote = NULL;

  sanitized = story_sanitize_html ("<p>Watch:</p>"
                                   "<iframe src=\"https://www.youtube.com/embed/abc?a=1&b=2\">"
                                   "</iframe><p>After</p>",
                                   "https://example.test/post");
  g_assert_nonnull (strstr (sanitized->html, "<iframe src=\"https://www.youtube-nocookie.com/"));

  story_article_set_id (article, 42);
  story_article_set_title (article, "With a video");
  story_article_set_content_html (article, sanitized->html);

  /* Without remote content, the embed is a link that asks for it, naming the host. */
  strict = story_article_page_render (article, NULL, NULL, "light", FALSE, 0);
  g_assert_null (strstr (strict, "<iframe"));
  g_assert_nonnull (strstr (strict, "href=\"storyline://load-remote/42\""));
  g_assert_nonnull (strstr (strict, "www.youtube-nocookie.com</a>"));
  g_assert_nonnull (strstr (strict, "<p>Watch:</p>"));
  g_assert_nonnull (strstr (strict, "<p>After</p>"));
  g_assert_nonnull (strstr (strict, "frame-src 'none'"));
  g_assert_null (strstr (strict, "frame-src https:"));

  /* With it, the embed stays, and the page's policy lets the allowlisted hosts be framed. */
  remote = story_article_page_render (article, NULL, NULL, "light", TRUE, 0);
  g_assert_nonnull (strstr (remote, "<iframe src=\"https://www.youtube-nocookie.com/embed/abc"));
  g_assert_null (strstr (remote, "load-remote"));
  g_assert_nonnull (strstr (remote, "frame-src https://www.youtube-nocookie.com"));
  /* Scripts stay forbidden either way. */
  g_assert_nonnull (strstr (remote, "script-src 'none'"));
  g_assert_nonnull (strstr (remote, "img-src storyline: data:;"));

  g_assert_true (story_article_page_is_embed_url ("https://www.youtube-nocookie.com/embed/abc"));
  g_assert_true (story_article_page_is_embed_url ("https://player.vimeo.com/video/1"));
  g_assert_false (story_article_page_is_embed_url ("http://www.youtube-nocookie.com/embed/abc"));
  g_assert_false (story_article_page_is_embed_url ("https://www.youtube-nocookie.com:8443/"));
  g_assert_false (story_article_page_is_embed_url ("https://evil.test/?player.vimeo.com"));
  g_assert_false (story_article_page_is_embed_url ("https://player.vimeo.com.evil.test/"));
  g_assert_false (story_article_page_is_embed_url (NULL));
}

static void
test_article_uris (void)
{
  g_autofree char *uri = story_article_uri_for_id (123);

  g_assert_cmpstr (uri, ==, "storyline://article/123");
  g_assert_cmpint (story_article_id_from_uri (uri), ==, 123);
  g_assert_cmpint (story_article_id_from_uri ("storyline://article/12x"), ==, 0);
  g_assert_cmpint (story_article_id_from_uri ("storyline://article/-4"), ==, 0);
  g_assert_cmpint (story_article_id_from_uri ("https://example.test/"), ==, 0);
  g_assert_cmpint (story_article_id_from_uri (NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-page/fields-escaped", test_fields_escaped);
  g_test_add_func ("/article-page/hero-image", test_hero_image);
  g_test_add_func ("/article-page/why-in-theme", test_why_in_theme);
  g_test_add_func ("/article-page/uris", test_article_uris);
  g_test_add_func ("/article-page/embeds-need-remote-content", test_embeds_need_remote_content);

  return g_test_run ();
}
