/* test-sanitizer.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "story-sanitizer.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#define BASE_URL     "https://example.com/news/article.html"
#define SAMPLE_URL   "resource:///io/github/storyline/Storyline/sample/feed.json"
#define FRAME_TAIL   " sandbox=\"allow-scripts allow-same-origin allow-popups\" allowfullscreen " \
                     "referrerpolicy=\"strict-origin-when-cross-origin\" loading=\"lazy\"></iframe>"
#define REL          " rel=\"noopener noreferrer\""

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Everything the sanitizer may write, element by element. */
static const char * const allowed_elements[] = {
  "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br",
  "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt",
  "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "i", "iframe", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "picture", "pre", "q",
  "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strong", "sub",
  "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
  "var", "video", "wbr",
};

static const struct
{
  const char *element;  /* NULL: any element */
  const char *attribute;
} allowed_attributes[] = {
  { NULL, "title" }, { NULL, "lang" }, { NULL, "dir" },
  { "a", "href" }, { "a", "rel" },
  { "img", "src" }, { "img", "srcset" }, { "img", "alt" }, { "img", "width" },
  { "img", "height" }, { "img", "loading" },
  { "td", "colspan" }, { "td", "rowspan" }, { "td", "headers" },
  { "th", "colspan" }, { "th", "rowspan" }, { "th", "headers" }, { "th", "scope" },
  { "ol", "start" }, { "ol", "reversed" }, { "ol", "type" }, { "li", "value" },
  { "blockquote", "cite" }, { "q", "cite" }, { "del", "cite" }, { "ins", "cite" },
  { "time", "datetime" }, { "col", "span" }, { "colgroup", "span" },
  { "audio", "src" }, { "audio", "controls" }, { "audio", "preload" },
  { "video", "src" }, { "video", "width" }, { "video", "height" }, { "video", "controls" },
  { "video", "preload" },
  { "source", "src" }, { "source", "srcset" }, { "source", "type" }, { "source", "media" },
  { "source", "sizes" },
  { "iframe", "src" }, { "iframe", "width" }, { "iframe", "height" }, { "iframe", "sandbox" },
  { "iframe", "allowfullscreen" }, { "iframe", "referrerpolicy" }, { "iframe", "loading" },
};

static const char * const frame_prefixes[] = {
  "https://www.youtube-nocookie.com/embed/",
  "https://player.vimeo.com/video/",
  "https://w.soundcloud.com/player/",
  "https://open.spotify.com/embed/",
  "https://open.spotify.com/embed-podcast/",
};

static GPtrArray *vectors;

/* Helpers */

static StorySanitized *
sanitize (const char *html,
          const char *base_url)
{
  StorySanitized *sanitized = story_sanitize_html (html, base_url);

  g_assert_nonnull (sanitized);
  g_assert_nonnull (sanitized->html);
  g_assert_nonnull (sanitized->text);
  g_assert_nonnull (sanitized->images);
  g_assert_true (g_utf8_validate (sanitized->html, -1, NULL));
  g_assert_true (g_utf8_validate (sanitized->text, -1, NULL));

  return sanitized;
}

static void
assert_sanitized (const char *html,
                  const char *base_url,
                  const char *expected)
{
  g_autoptr(StorySanitized) sanitized = sanitize (html, base_url);

  g_assert_cmpstr (sanitized->html, ==, expected);
}

static void
assert_images (StorySanitized *sanitized,
               ...)
{
  const char *url;
  guint i = 0;
  va_list args;

  va_start (args, sanitized);
  while ((url = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, sanitized->images->len);
      g_assert_cmpstr (g_ptr_array_index (sanitized->images, i), ==, url);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (i, ==, sanitized->images->len);
}

static gboolean
is_allowed_element (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_elements); i++)
    {
      if (strcmp (allowed_elements[i], name) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_allowed_attribute (const char *element,
                      const char *attribute)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_attributes); i++)
    {
      if ((allowed_attributes[i].element == NULL ||
           strcmp (allowed_attributes[i].element, element) == 0) &&
          strcmp (allowed_attributes[i].attribute, attribute) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_any_prefix (const char         *value,
                const char * const *prefixes,
                gsize               n_prefixes)
{
  for (gsize i = 0; i < n_prefixes; i++)
    {
      if (g_str_has_prefix (value, prefixes[i]))
        return TRUE;
    }

  return FALSE;
}

static void
assert_safe_url (const char *element,
                 const char *attribute,
                 const char *value)
{
  static const char * const link_prefixes[] = { "http://", "https://", "mailto:" };
  static const char * const remote_prefixes[] = { "http://", "https://" };
  static const char * const image_prefixes[] = {
    STORY_IMAGE_URI_PREFIX,
    "data:image/png;base64,", "data:image/jpeg;base64,",
    "data:image/gif;base64,", "data:image/webp;base64,",
  };

  if (strcmp (attribute, "href") == 0)
    g_assert_true (has_any_prefix (value, link_prefixes, G_N_ELEMENTS (link_prefixes)));
  else if (strcmp (attribute, "cite") == 0)
    g_assert_true (has_any_prefix (value, remote_prefixes, G_N_ELEMENTS (remote_prefixes)));
  else if (strcmp (element, "iframe") == 0 && strcmp (attribute, "src") == 0)
    g_assert_true (has_any_prefix (value, frame_prefixes, G_N_ELEMENTS (frame_prefixes)));
  else if (strcmp (element, "img") == 0 && strcmp (attribute, "src") == 0)
    g_assert_true (has_any_prefix (value, image_prefixes, G_N_ELEMENTS (image_prefixes)));
  else if (strcmp (attribute, "src") == 0)
    g_assert_true (has_any_prefix (value, remote_prefixes, G_N_ELEMENTS (remote_prefixes)));
  else if (strcmp (attribute, "srcset") == 0)
    {
      g_auto(GStrv) candidates = g_strsplit (value, ", ", -1);

      for (guint i = 0; candidates[i] != NULL; i++)
        g_assert_true (g_str_has_prefix (candidates[i], STORY_IMAGE_URI_PREFIX));
    }
}

/* Parses @html again and checks every element, attribute and URL against
 * the allowlist. */
static void
assert_allowlisted_tree (xmlNode *node,
                         guint    depth)
{
  g_assert_cmpuint (depth, <, 1000);

  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;

      if (node->type != XML_ELEMENT_NODE)
        {
          g_assert_true (node->type == XML_TEXT_NODE);
          continue;
        }

      if (!is_allowed_element (name))
        g_error ("Element <%s> is not on the allowlist", name);

      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          const char *attribute = (const char *) attr->name;
          xmlChar *value;

          if (!is_allowed_attribute (name, attribute))
            g_error ("Attribute %s on <%s> is not on the allowlist", attribute, name);

          value = xmlNodeGetContent ((xmlNode *) attr);
          assert_safe_url (name, attribute, value != NULL ? (const char *) value : "");
          xmlFree (value);
        }

      assert_allowlisted_tree (node->children, depth + 1);
    }
}

static void
assert_allowlisted (const char *html)
{
  g_autofree char *document = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;
  xmlNode *body = NULL;

  document = g_strconcat ("<html><head><meta charset=\"utf-8\"></head><body>", html,
                          "</body></html>", NULL);
  doc = htmlReadMemory (document, strlen (document), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING);
  g_assert_nonnull (doc);

  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "html");

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, "body") == 0)
        body = child;
      else
        g_assert_true (child->type == XML_ELEMENT_NODE &&
                       strcmp ((const char *) child->name, "head") == 0);
    }

  if (body != NULL)
    assert_allowlisted_tree (body->children, 0);
}

/* Reads the tags of our own serialisation: `<name attr="value" flag>`.
 * Text never holds a raw '<', so every '<' opens a tag. */
static void
assert_tag_syntax (const char *html)
{
  const char *p = html;

  while ((p = strchr (p, '<')) != NULL)
    {
      const char *name = ++p;

      if (*p == '/')
        name = ++p;

      while (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        p++;
      g_assert_true (p > name);

      while (*p == ' ')
        {
          const char *attribute = ++p;
          g_autofree char *attribute_name = NULL;

          while (g_ascii_islower (*p))
            p++;
          g_assert_true (p > attribute);

          attribute_name = g_strndup (attribute, p - attribute);
          g_assert_false (g_str_has_prefix (attribute_name, "on"));
          g_assert_cmpstr (attribute_name, !=, "style");

          if (*p == '=')
            {
              const char *end;

              g_assert_true (p[1] == '"');
              end = strchr (p + 2, '"');
              g_assert_nonnull (end);
              g_assert_null (memchr (p + 2, '<', end - (p + 2)));
              p = end + 1;
            }
        }

      g_assert_true (*p == '>');
    }
}

static void
assert_safe (const char *html)
{
  static const char * const forbidden[] = {
    "<script", "<style", "<meta", "<base", "<object", "<embed", "<form", "<link", "<svg",
    "<math", "<input", "<button", "<textarea", "<select", "<option", "<frame", "<applet",
    "<template", "<noscript", "<title", "<body", "<html", "<head", "<xmp", "<isindex",
    "<keygen", "<marquee", "<x ",
    "javascript:", "vbscript:", "data:text", "data:image/svg", "style=", "srcdoc",
    "expression(", "xlink", "formaction", "resource:",
  };
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autoptr(GRegex) handler = NULL;

  /* An event handler in attribute-name position, quoted values skipped. */
  handler = g_regex_new ("<[a-z0-9]+(\\s+[a-z-]+(=\"[^\"]*\")?)*\\s+on[a-z]+\\s*=",
                         G_REGEX_CASELESS, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (strstr (lower, forbidden[i]) != NULL)
        g_error ("Output contains “%s”: %s", forbidden[i], html);
    }

  /* Only allowlisted frames. */
  for (const char *p = strstr (lower, "<iframe"); p != NULL; p = strstr (p + 1, "<iframe"))
    g_assert_true (has_any_prefix (p + strlen ("<iframe src=\""), frame_prefixes,
                                   G_N_ELEMENTS (frame_prefixes)));

  g_assert_false (g_regex_match (handler, html, 0, NULL));

  assert_tag_syntax (html);
  assert_allowlisted (html);
}

/* Vectors file: "\t", "\n", "\r", "\\" and "\xHH" escapes. */
static char *
unescape_vector (const char *line)
{
  GString *out = g_string_new (NULL);

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }

      p++;
      switch (*p)
        {
        case 't':
          g_string_append_c (out, '\t');
          break;

        case 'n':
          g_string_append_c (out, '\n');
          break;

        case 'r':
          g_string_append_c (out, '\r');
          break;

        case 'x':
          g_assert_true (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]));
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                          g_ascii_xdigit_value (p[2])));
          p += 2;
          break;

        default:
          g_string_append_c (out, *p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
load_vectors (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  path = g_test_build_filename (G_TEST_DIST, "data", "sanitizer", "xss-vectors.txt", NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "# ") || strcmp (lines[i], "#") == 0)
        continue;

      g_ptr_array_add (result, unescape_vector (lines[i]));
    }

  return result;
}

/* Hostile input */

static void
test_xss_vector (gconstpointer data)
{
  const char *vector = data;
  const char * const bases[] = { BASE_URL, NULL, SAMPLE_URL, "javascript:alert(1)//" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autoptr(StorySanitized) sanitized = sanitize (vector, bases[i]);
      g_autofree char *text = story_html_to_text (vector);

      assert_safe (sanitized->html);

      g_assert_cmpstr (sanitized->text, ==, text);

      for (guint j = 0; j < sanitized->images->len; j++)
        {
          const char *url = g_ptr_array_index (sanitized->images, j);

          gboolean from_sample = g_strcmp0 (bases[i], SAMPLE_URL) == 0;

          g_assert_true (g_str_has_prefix (url, "https://") ||
                         g_str_has_prefix (url, "http://") ||
                         (from_sample && g_str_has_prefix (url, "resource:///")));
        }
    }
}

static void
test_xss_vector_count (void)
{
  g_assert_cmpuint (vectors->len, >=, 40);
}

static void
test_script_dropped (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<p>Hello</p><script>alert(1)</script><SCRIPT type=module>x()</SCRIPT>"
                        "<p>World</p>", BASE_URL);
  g_assert_cmpstr (sanitized->html, ==, "<p>Hello</p><p>World</p>");
  g_assert_cmpstr (sanitized->text, ==, "Hello World");
}

static void
test_script_text_excluded (void)
{
  static const char html[] =
    "<p>A</p><style>p { color: red }</style><script>var secret = 1;</script>"
    "<noscript>enable js</noscript><template>tmpl</template><select><option>opt</option></select>"
    "<p>B</p>";
  g_autoptr(StorySanitized) sanitized = sanitize (html, NULL);
  g_autofree char *text = story_html_to_text (html);

  g_assert_cmpstr (sanitized->html, ==, "<p>A</p><p>B</p>");
  g_assert_cmpstr (sanitized->text, ==, "A B");
  g_assert_cmpstr (text, ==, "A B");
}

static void
test_attributes_dropped (void)
{
  assert_sanitized ("<p class=\"c\" id=\"i\" style=\"color:red\" data-x=\"1\" onclick=\"x()\" "
                    "title=\"T\">x</p>",
                    NULL,
                    "<p title=\"T\">x</p>");
  assert_sanitized ("<a href=\"https://example.com/\" target=\"_blank\" rel=\"opener\" "
                    "ping=\"https://evil.example/\">x</a>",
                    NULL,
                    "<a href=\"https://example.com/\"" REL ">x</a>");
}

static void
test_attributes_validated (void)
{
  assert_sanitized ("<p dir=\"RTL\" lang=\"en-GB\">x</p><p dir=\"sideways\" lang=\"en gb\">y</p>",
                    NULL,
                    "<p lang=\"en-GB\" dir=\"rtl\">x</p><p>y</p>");
  assert_sanitized ("<table><tr><td colspan=\"abc\" rowspan=\"2x\">a</td>"
                    "<th scope=\"evil\" colspan=\"99999999999\">b</th></tr></table>",
                    NULL,
                    "<table><tr><td rowspan=\"2\">a</td><th>b</th></tr></table>");
  assert_sanitized ("<ol type=\"x\" start=\"-2\" reversed=\"reversed\"><li value=\"3\">c</li></ol>",
                    NULL,
                    "<ol start=\"-2\" reversed><li value=\"3\">c</li></ol>");
}

static void
test_escaping (void)
{
  assert_sanitized ("<p>5 &lt; 6 &amp;&amp; \"quotes\" &gt; 4 &copy;</p>",
                    NULL,
                    "<p>5 &lt; 6 &amp;&amp; \"quotes\" &gt; 4 \xc2\xa9</p>");
  assert_sanitized ("<abbr title='say \"hi\" &amp; <bye>'>x</abbr>",
                    NULL,
                    "<abbr title=\"say &quot;hi&quot; &amp; &lt;bye&gt;\">x</abbr>");
}

static void
test_unknown_unwrapped (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<font color=red><center>Hi <blink>there</blink></center></font>"
                        "<custom-element>!</custom-element>", NULL);
  g_assert_cmpstr (sanitized->html, ==, "Hi there!");
}

/* Benign markup */

static void
test_benign_text (void)
{
  static const char html[] =
    "<h1>Title</h1><h2>Sub</h2><p>Some <em>emphasis</em>, <strong>strength</strong>, "
    "<code>code</code>, <mark>mark</mark>, H<sub>2</sub>O and x<sup>2</sup>.</p><hr>"
    "<p>Line<br>break</p>";

  assert_sanitized (html, BASE_URL, html);
}

static void
test_benign_lists (void)
{
  static const char html[] =
    "<ul><li>One</li><li>Two</li></ul><ol start=\"3\" reversed><li value=\"5\">Five</li></ol>"
    "<dl><dt>Term</dt><dd>Definition</dd></dl>";

  assert_sanitized (html, BASE_URL, html);
}

static void
test_benign_table (void)
{
  static const char html[] =
    "<table><caption>Results</caption><thead><tr><th scope=\"col\">A</th>"
    "<th colspan=\"2\">B</th></tr></thead><tbody><tr><td>1</td><td rowspan=\"2\">2</td>"
    "<td>3</td></tr></tbody><tfoot><tr><td>Sum</td></tr></tfoot></table>";

  assert_sanitized (html, BASE_URL, html);
}

static void
test_benign_figure (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<figure><img src=\"https://example.com/a.jpg\" alt=\"A cat\" "
                        "width=\"640\" height=\"480\"><figcaption>A cat</figcaption></figure>",
                        BASE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<figure><img src=\"storyline://image/https%3A%2F%2Fexample.com%2Fa.jpg\" "
                   "alt=\"A cat\" width=\"640\" height=\"480\" loading=\"lazy\">"
                   "<figcaption>A cat</figcaption></figure>");
  g_assert_cmpstr (sanitized->text, ==, "A cat");
  assert_images (sanitized, "https://example.com/a.jpg", NULL);
}

static void
test_benign_blockquote (void)
{
  static const char html[] =
    "<blockquote cite=\"https://example.com/q\"><p>Quote</p></blockquote>"
    "<p><q cite=\"https://example.com/q\">short</q> <del>old</del><ins>new</ins> "
    "<time datetime=\"2026-01-02\">today</time></p>";

  assert_sanitized (html, BASE_URL, html);
}

static void
test_benign_pre (void)
{
  static const char html[] = "<pre><code>int\n  main (void)\n{\n\treturn  0;\n}\n</code></pre>";
  g_autoptr(StorySanitized) sanitized = sanitize (html, NULL);

  g_assert_cmpstr (sanitized->html, ==, html);
  g_assert_cmpstr (sanitized->text, ==, "int main (void) { return 0; }");

  /* The sanitizer keeps the line break right after <pre> that a browser
   * drops; written back unchanged, the browser drops it again. */
  assert_sanitized ("<pre>\nx\n  y</pre>", NULL, "<pre>\nx\n  y</pre>");
}

static void
test_benign_links (void)
{
  assert_sanitized ("<p>Read <a href=\"https://example.com/story?id=7\">the story</a>.</p>",
                    BASE_URL,
                    "<p>Read <a href=\"https://example.com/story?id=7\"" REL ">the story</a>.</p>");
  assert_sanitized ("<a href=\"mailto:editor@example.com\" title=\"Mail\">mail</a>",
                    BASE_URL,
                    "<a href=\"mailto:editor@example.com\" title=\"Mail\"" REL ">mail</a>");
  assert_sanitized ("<a name=\"anchor\">no target</a>", BASE_URL, "<a>no target</a>");
}

static void
test_benign_all_elements (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_elements); i++)
    {
      const char *name = allowed_elements[i];
      g_autofree char *html = NULL;
      g_autofree char *open = NULL;
      g_autoptr(StorySanitized) sanitized = NULL;

      /* Those with rules of their own are tested separately. */
      if (g_strv_contains ((const char * const[]) { "img", "iframe", "source", "col", "colgroup",
                                                    "caption", "tbody", "thead", "tfoot", "tr",
                                                    "td", "th", "li", "dd", "dt", "rp", "rt",
                                                    NULL },
                           name))
        continue;

      html = g_strdup_printf ("<%s>x</%s>", name, name);
      open = g_strdup_printf ("<%s", name);
      sanitized = sanitize (html, NULL);

      if (!g_str_has_prefix (sanitized->html, open))
        g_error ("<%s> did not survive: %s", name, sanitized->html);

      assert_allowlisted (sanitized->html);
    }
}

/* URLs */

static void
test_url_resolve (void)
{
  static const struct
  {
    const char *base;
    const char *url;
    const char *expected;
  } cases[] = {
    { BASE_URL, "images/a.png", "https://example.com/news/images/a.png" },
    { BASE_URL, "../a b.png", "https://example.com/a%20b.png" },
    { BASE_URL, "  \t/x.png\n ", "https://example.com/x.png" },
    { BASE_URL, "im\nages/a.png", "https://example.com/news/images/a.png" },
    { BASE_URL, "#top", "https://example.com/news/article.html#top" },
    { BASE_URL, "HTTPS://Other.example/%2F?q=%C3%A9", "https://Other.example/%2F?q=%C3%A9" },
    { BASE_URL, "//cdn.example.net/x.png", "https://cdn.example.net/x.png" },
    { "http://example.com/", "//cdn.example.net/x.png", "http://cdn.example.net/x.png" },
    { SAMPLE_URL, "//cdn.example.net/x.png", "https://cdn.example.net/x.png" },
    { NULL, "//cdn.example.net/x.png", "https://cdn.example.net/x.png" },
    { BASE_URL, "\\\\evil.example\\x", "https://evil.example/x" },
    { SAMPLE_URL, "images/a.svg", "resource:///io/github/storyline/Storyline/sample/images/a.svg" },
    { NULL, "https://example.com/a", "https://example.com/a" },
    { "not a base", "https://example.com/a", "https://example.com/a" },
    { "javascript:alert(1)", "x", "javascript:/x" },
    { NULL, "relative/a.png", NULL },
    { BASE_URL, "", NULL },
    { BASE_URL, " \t\n", NULL },
    { BASE_URL, "a\x01" "b", NULL },
    /* Found by fuzzing: GLib parses these into URIs that g_uri_to_string()
     * refuses with a critical. */
    { NULL, "https://example.;omer.example/x", NULL },
    { BASE_URL, "https://a;b", NULL },
    { NULL, "ps:/..//ecs", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = story_resolve_url (cases[i].base, cases[i].url);

      g_assert_cmpstr (resolved, ==, cases[i].expected);
    }
}

static void
test_url_relative (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<p><a href=\"../about\">About</a> <img src=\"img/a.png\" alt=\"\"></p>"
                        "<blockquote cite=\"/sources/1\">q</blockquote>", BASE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<p><a href=\"https://example.com/about\"" REL ">About</a> "
                   "<img src=\"storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fimg%2Fa.png\" "
                   "alt=\"\" loading=\"lazy\"></p>"
                   "<blockquote cite=\"https://example.com/sources/1\">q</blockquote>");
  assert_images (sanitized, "https://example.com/news/img/a.png", NULL);
}

static void
test_url_srcset (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<img src=\"a.png\" srcset=\"a.png 1x,b.png 2x , /c.png  640w,"
                        "javascript:alert(1) 3x, d.png bogus, e.png,\">", BASE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<img src=\"storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fa.png\" "
                   "srcset=\"storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fa.png 1x, "
                   "storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fb.png 2x, "
                   "storyline://image/https%3A%2F%2Fexample.com%2Fc.png 640w, "
                   "storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fe.png\" "
                   "loading=\"lazy\">");
  assert_images (sanitized,
                 "https://example.com/news/a.png",
                 "https://example.com/news/b.png",
                 "https://example.com/c.png",
                 "https://example.com/news/e.png",
                 NULL);
}

static void
test_url_protocol_relative (void)
{
  g_autoptr(StorySanitized) https = sanitize ("<img src=\"//cdn.example.net/x.png\">", BASE_URL);
  g_autoptr(StorySanitized) http = sanitize ("<img src=\"//cdn.example.net/x.png\">",
                                             "http://example.com/");
  g_autoptr(StorySanitized) none = sanitize ("<a href=\"//example.org/p\">p</a>", NULL);

  assert_images (https, "https://cdn.example.net/x.png", NULL);
  assert_images (http, "http://cdn.example.net/x.png", NULL);
  g_assert_cmpstr (none->html, ==, "<a href=\"https://example.org/p\"" REL ">p</a>");
}

static void
test_url_no_base (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<a href=\"/x\">rel</a><img src=\"y.png\">"
                        "<a href=\"https://a.example/\">abs</a>", NULL);
  g_assert_cmpstr (sanitized->html, ==, "<a>rel</a><a href=\"https://a.example/\"" REL ">abs</a>");
  g_assert_cmpuint (sanitized->images->len, ==, 0);
}

static void
test_url_resource_base (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<img src=\"images/a.svg\" alt=\"A\"><a href=\"images/a.svg\">link</a>",
                        SAMPLE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<img src=\"storyline://image/resource%3A%2F%2F%2Fio%2Fgithub%2Fstoryline%2F"
                   "Storyline%2Fsample%2Fimages%2Fa.svg\" alt=\"A\" loading=\"lazy\"><a>link</a>");
  assert_images (sanitized, "resource:///io/github/storyline/Storyline/sample/images/a.svg", NULL);
}

static void
test_url_resource_from_http (void)
{
  static const char html[] =
    "<img src=\"resource:///io/github/storyline/Storyline/sample/images/a.svg\">"
    "<img srcset=\"resource:///io/github/storyline/Storyline/sample/images/a.svg 1x\">";
  g_autoptr(StorySanitized) from_http = sanitize (html, BASE_URL);
  g_autoptr(StorySanitized) from_nothing = sanitize (html, NULL);

  g_assert_cmpstr (from_http->html, ==, "");
  g_assert_cmpuint (from_http->images->len, ==, 0);
  g_assert_cmpstr (from_nothing->html, ==, "");
  g_assert_cmpuint (from_nothing->images->len, ==, 0);
}

static void
test_url_schemes (void)
{
  assert_sanitized ("<a href=\"ftp://example.com/f\">f</a><a href=\"tel:+100\">t</a>"
                    "<a href=\"file:///etc/passwd\">p</a><a href=\"HTTP://EXAMPLE.COM/\">h</a>",
                    BASE_URL,
                    "<a>f</a><a>t</a><a>p</a><a href=\"http://EXAMPLE.COM/\"" REL ">h</a>");
  /* No host, no link. */
  assert_sanitized ("<a href=\"http:///path\">x</a>", NULL, "<a>x</a>");
}

static void
test_url_data_image (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">"
                        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">"
                        "<img src=\"data:image/png,notbase64\">"
                        "<img src=\"data:image/gif;base64,R0lGOD<lh\">", BASE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" loading=\"lazy\">");
  g_assert_cmpuint (sanitized->images->len, ==, 0);
}

static void
test_url_link_helper (void)
{
  static const struct
  {
    const char *url;
    const char *expected;
  } cases[] = {
    { "https://example.com/a?utm_source=rss&id=1", "https://example.com/a?id=1" },
    { "/relative", "https://example.com/relative" },
    { "mailto:a@example.com", "mailto:a@example.com" },
    { "javascript:alert(1)", NULL },
    { " JaVaScRiPt:alert(1)", NULL },
    { "data:text/html,x", NULL },
    { "resource:///io/github/storyline/Storyline/sample/feed.json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *link = story_sanitize_link_url (BASE_URL, cases[i].url);

      g_assert_cmpstr (link, ==, cases[i].expected);
    }
}

/* Tracking */

static void
test_tracking_parameters (void)
{
  static const struct
  {
    const char *href;
    const char *expected;
  } cases[] = {
    { "https://example.com/a?utm_source=rss&id=5&fbclid=abc&UTM_MEDIUM=x#top",
      "https://example.com/a?id=5#top" },
    { "https://example.com/a?utm_source=rss", "https://example.com/a" },
    { "https://example.com/a?gclid=1&dclid=2&mc_cid=3&mc_eid=4&igshid=5&_hsenc=6&_hsmi=7"
      "&yclid=8&msclkid=9", "https://example.com/a" },
    { "https://example.com/a?utmost=1&page=2&q=utm_source",
      "https://example.com/a?utmost=1&page=2&q=utm_source" },
    { "https://example.com/a#x?utm_source=1", "https://example.com/a#x?utm_source=1" },
    { "mailto:a@example.com?subject=utm_x&utm_source=y",
      "mailto:a@example.com?subject=utm_x&utm_source=y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<a href=\"%s\">x</a>", cases[i].href);
      g_autoptr(GString) expected = g_string_new ("<a href=\"");

      g_string_append (expected, cases[i].expected);
      g_string_replace (expected, "&", "&amp;", 0);
      g_string_append (expected, "\"" REL ">x</a>");

      assert_sanitized (html, NULL, expected->str);
    }
}

static void
test_tracking_pixel (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<p>a<img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\">"
                        "<img src=\"https://example.com/q.gif\" width=\"0\" height=\"0\">"
                        "<img src=\"https://example.com/s.gif\" height=\"1px\" width=\" 1 \">"
                        "<img src=\"https://example.com/r.gif\" width=\"1\">b</p>", BASE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<p>a<img src=\"storyline://image/https%3A%2F%2Fexample.com%2Fr.gif\" "
                   "width=\"1\" loading=\"lazy\">b</p>");
  assert_images (sanitized, "https://example.com/r.gif", NULL);
}

static void
test_tracking_hosts (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<img src=\"https://pixel.wp.com/g.gif?x=1\">"
                        "<img src=\"http://feeds.feedburner.com/~r/foo/~4/abc\">"
                        "<img src=\"https://stats.wordpress.com/b.gif\">"
                        "<img src=\"https://ad.doubleclick.net/x\">"
                        "<img src=\"https://www.google-analytics.com/collect?v=1\">"
                        "<img src=\"https://PIXEL.quantserve.com./pixel/p.gif\">"
                        "<img src=\"https://example.com/ok.png\" "
                        "srcset=\"https://pixel.wp.com/g.gif 2x, https://example.com/ok2.png 3x\">"
                        "<img src=\"https://feeds.feedburner.com/images/logo.png\">"
                        "<img src=\"https://notdoubleclick.net/x.png\">",
                        BASE_URL);
  assert_images (sanitized,
                 "https://example.com/ok.png",
                 "https://example.com/ok2.png",
                 "https://feeds.feedburner.com/images/logo.png",
                 "https://notdoubleclick.net/x.png",
                 NULL);
  g_assert_null (strstr (sanitized->html, "pixel"));
}

/* Frames and media */

static void
test_iframe_youtube (void)
{
  assert_sanitized ("<iframe width=\"560\" height=\"315\" "
                    "src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?start=30\" frameborder=\"0\" "
                    "allow=\"autoplay\" allowfullscreen onload=\"x()\">fallback</iframe>",
                    BASE_URL,
                    "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30\" "
                    "width=\"560\" height=\"315\"" FRAME_TAIL);
  assert_sanitized ("<iframe src=\"//youtube.com/embed/abc\"></iframe>",
                    "http://example.com/",
                    "<iframe src=\"https://www.youtube-nocookie.com/embed/abc\"" FRAME_TAIL);
  assert_sanitized ("<iframe src=\"https://player.vimeo.com/video/123#t=10\" width=\"100%\">"
                    "</iframe>",
                    NULL,
                    "<iframe src=\"https://player.vimeo.com/video/123#t=10\" width=\"100%\""
                    FRAME_TAIL);
}

static void
test_iframe_unknown (void)
{
  static const char * const sources[] = {
    "https://evil.example/embed/x",
    "https://www.youtube.com/watch?v=x",
    "https://www.youtube.com/embed/../watch?v=x",
    "https://www.youtube.com@evil.example/embed/x",
    "https://evil.example/?https://www.youtube.com/embed/x",
    "https://www.youtube.com:8080/embed/x",
    "https://www.youtube.com.evil.example/embed/x",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/embed/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *html = g_strdup_printf ("<p>a</p><iframe src=\"%s\">fallback</iframe>",
                                               sources[i]);
      g_autoptr(StorySanitized) sanitized = sanitize (html, BASE_URL);

      g_assert_cmpstr (sanitized->html, ==, "<p>a</p>");
      g_assert_cmpstr (sanitized->text, ==, "a");
    }
}

static void
test_media (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<video src=\"v.mp4\" width=\"640\" autoplay loop "
                        "poster=\"https://example.com/p.jpg\">"
                        "<source src=\"https://example.com/v.webm\" type=\"video/webm\">"
                        "Your browser cannot play this.</video>"
                        "<audio src=\"javascript:alert(1)\" autoplay><track src=\"x.vtt\"></audio>",
                        BASE_URL);
  g_assert_cmpstr (sanitized->html, ==,
                   "<video src=\"https://example.com/news/v.mp4\" width=\"640\" controls "
                   "preload=\"none\"><source src=\"https://example.com/v.webm\" "
                   "type=\"video/webm\">Your browser cannot play this.</video>"
                   "<audio controls preload=\"none\"></audio>");
  g_assert_cmpstr (sanitized->text, ==, "");
  g_assert_cmpuint (sanitized->images->len, ==, 0);
}

/* Images */

static void
test_image_uri (void)
{
  static const char * const urls[] = {
    "https://example.com/a b.png?x=1&y=2#f",
    "https://example.com/caf\xc3\xa9.jpg",
    "resource:///io/github/storyline/Storyline/sample/images/a.svg",
  };
  g_autofree char *uri = story_image_uri_for_url ("https://example.com/a b.png?x=1&y=2");
  g_autofree char *none = story_image_url_from_uri ("https://example.com/a.png");
  g_autofree char *empty = story_image_url_from_uri (STORY_IMAGE_URI_PREFIX);

  g_assert_cmpstr (uri, ==,
                   "storyline://image/https%3A%2F%2Fexample.com%2Fa%20b.png%3Fx%3D1%26y%3D2");
  g_assert_null (none);
  g_assert_null (empty);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *image_uri = story_image_uri_for_url (urls[i]);
      g_autofree char *url = story_image_url_from_uri (image_uri);

      g_assert_true (g_str_has_prefix (image_uri, STORY_IMAGE_URI_PREFIX));
      g_assert_null (strchr (image_uri + strlen (STORY_IMAGE_URI_PREFIX), '/'));
      g_assert_cmpstr (url, ==, urls[i]);
    }
}

static void
test_image_order (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<img src=\"b.png\">"
                        "<p><img src=\"a.png\" srcset=\"b.png 2x, c.png 3x\"></p>"
                        "<picture><source srcset=\"d.webp\" type=\"image/webp\"><img src=\"a.png\">"
                        "</picture><img src=\"https://example.com/news/c.png\">",
                        BASE_URL);
  assert_images (sanitized,
                 "https://example.com/news/b.png",
                 "https://example.com/news/a.png",
                 "https://example.com/news/c.png",
                 "https://example.com/news/d.webp",
                 NULL);
  g_assert_nonnull (strstr (sanitized->html,
                            "<picture><source srcset=\"storyline://image/"
                            "https%3A%2F%2Fexample.com%2Fnews%2Fd.webp\" type=\"image/webp\">"));
}

/* Text */

static void
test_text_whitespace (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;
  g_autofree char *inline_text = story_html_to_text ("<b>in</b><i>line</i> &amp;\xc2\xa0more");
  g_autofree char *blocks = NULL;

  blocks = story_html_to_text ("<ul><li>one</li><li>two</li></ul><p>three</p>"
                               "<table><tr><td>four</td><td>five</td></tr></table>");

  sanitized = sanitize ("<p>  Hello\n\n   <b>big</b>\tworld </p><p>Second</p>line<br>break  ",
                        NULL);
  g_assert_cmpstr (sanitized->text, ==, "Hello big world Second line break");
  g_assert_cmpstr (inline_text, ==, "inline & more");
  g_assert_cmpstr (blocks, ==, "one two three four five");
}

static void
test_text_html_to_text (void)
{
  g_autofree char *text = story_html_to_text ("<p>Tom &amp; Jerry</p><script>x()</script>"
                                              "<style>p{}</style><img src=x alt=\"alt\">");
  g_autofree char *empty = story_html_to_text (NULL);
  g_autofree char *plain = story_html_to_text ("Just text, 1 < 2");

  g_assert_cmpstr (text, ==, "Tom & Jerry");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (plain, ==, "Just text, 1 < 2");
}

/* Entities */

static void
test_entities_title (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "Tom &amp; Jerry &#8211; a &quot;test&quot;", "Tom & Jerry \xe2\x80\x93 a \"test\"" },
    { "It&#x2019;s&nbsp;here&hellip;", "It\xe2\x80\x99s\xc2\xa0here\xe2\x80\xa6" },
    { "&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b>" },
    { "<b>kept</b> & AT&T", "<b>kept</b> & AT&T" },
    { "&amp without semicolon", "&amp without semicolon" },
    { "&bogus; &AMP; &#x; &#;", "&bogus; &AMP; &#x; &#;" },
    { "&apos;&eacute;&Eacute;&euro;&#39", "'\xc3\xa9\xc3\x89\xe2\x82\xac'" },
    { "&amp;amp;", "&amp;" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *decoded = story_html_decode_entities (cases[i].input);

      g_assert_cmpstr (decoded, ==, cases[i].expected);
    }
}

static void
test_entities_invalid (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "a&#0;b", "a\xef\xbf\xbd" "b" },
    { "&#xD800;", "\xef\xbf\xbd" },
    { "&#x110000;", "\xef\xbf\xbd" },
    { "&#99999999999999999999;", "\xef\xbf\xbd" },
    { "&#1;", "\xef\xbf\xbd" },
    { "&#150;&#146;", "\xe2\x80\x93\xe2\x80\x99" },
    { "&#x1F600;", "\xf0\x9f\x98\x80" },
  };
  g_autofree char *null_text = story_html_decode_entities (NULL);

  g_assert_cmpstr (null_text, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *decoded = story_html_decode_entities (cases[i].input);

      g_assert_cmpstr (decoded, ==, cases[i].expected);
    }
}

static void
test_entities_invalid_utf8 (void)
{
  g_autofree char *decoded = story_html_decode_entities ("caf\xe9 &amp; \xff\xfe");

  g_assert_true (g_utf8_validate (decoded, -1, NULL));
  g_assert_cmpstr (decoded, ==, "caf\xef\xbf\xbd & \xef\xbf\xbd\xef\xbf\xbd");
}

/* Robustness */

static void
test_empty (void)
{
  static const char * const inputs[] = {
    NULL, "", "<!-- only a comment -->", "<script>x</script>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(StorySanitized) sanitized = sanitize (inputs[i], BASE_URL);

      g_assert_cmpstr (sanitized->html, ==, "");
      g_assert_cmpstr (sanitized->text, ==, "");
      g_assert_cmpuint (sanitized->images->len, ==, 0);
    }

  story_sanitized_free (NULL);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(StorySanitized) sanitized = NULL;

  sanitized = sanitize ("<p title=\"t\xc3\">caf\xe9 ok</p><img src=\"x\xff.png\">", BASE_URL);
  g_assert_true (g_str_has_prefix (sanitized->html,
                                   "<p title=\"t\xef\xbf\xbd\">caf\xef\xbf\xbd ok</p>"));
  g_assert_cmpstr (sanitized->text, ==, "caf\xef\xbf\xbd ok");
  assert_safe (sanitized->html);
}

static void
test_control_characters (void)
{
  g_autoptr(StorySanitized) sanitized = sanitize ("<p>a\x01" "b\x1b" "c\x7f" "d</p>", NULL);

  g_assert_cmpstr (sanitized->html, ==, "<p>abcd</p>");
  g_assert_cmpstr (sanitized->text, ==, "abcd");
}

static void
test_meta_charset_ignored (void)
{
  assert_sanitized ("<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>", NULL,
                    "<p>caf\xc3\xa9</p>");
  assert_sanitized ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-16\">"
                    "<p>\xe2\x80\x93</p>", NULL, "<p>\xe2\x80\x93</p>");
}

static void
test_deep_nesting (void)
{
  static const char * const openers[] = { "<div>", "<b>", "<table><tr><td>", "<ul><li>" };

  for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
    {
      g_autoptr(GString) html = g_string_new ("<p>before</p>");
      g_autoptr(StorySanitized) sanitized = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();

      for (guint j = 0; j < 100000; j++)
        g_string_append (html, openers[i]);
      g_string_append (html, "deep");
      if (i == 0)
        for (guint j = 0; j < 100000; j++)
          g_string_append (html, "</div>");

      sanitized = sanitize (html->str, BASE_URL);

      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
      g_assert_true (g_str_has_prefix (sanitized->html, "<p>before</p>"));
      g_assert_true (g_str_has_prefix (sanitized->text, "before"));
      assert_safe (sanitized->html);
    }
}

static void
test_large_input (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(StorySanitized) sanitized = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();

  while (html->len < 4 * 1024 * 1024)
    g_string_append (html, "<p>Lorem <em>ipsum</em> dolor <a href=\"/x?utm_source=1\">sit</a> amet "
                           "<img src=\"img.png\" onerror=\"alert(1)\"></p>\n");

  sanitized = sanitize (html->str, BASE_URL);

  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 20.0);
  g_assert_cmpuint (strlen (sanitized->html), >, 3 * 1024 * 1024);
  g_assert_null (strstr (sanitized->html, "onerror"));
  g_assert_null (strstr (sanitized->html, "utm_"));
  assert_images (sanitized, "https://example.com/news/img.png", NULL);
  g_assert_true (g_str_has_prefix (sanitized->text, "Lorem ipsum dolor sit amet Lorem"));
}

/* Bytes that are not UTF-8 anywhere in a body, among long ASCII runs and
 * valid characters, become U+FFFD; the rest of the body is kept. */
static void
test_invalid_utf8_runs (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "<p>caf\xc3\xa9 ok</p>", "<p>caf\xc3\xa9 ok</p>" },
    { "<p>abcdefghijklmnop\xff qrstuvwxyz</p>", "<p>abcdefghijklmnop\xef\xbf\xbd qrstuvwxyz</p>" },
    { "<p>\xc3\xa9\xc3</p>", "<p>\xc3\xa9\xef\xbf\xbd</p>" },
    { "<p>12345678\xe2\x80\x93" "12345678\xed\xa0\x80</p>",
      "<p>12345678\xe2\x80\x93" "12345678\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd</p>" },
    { "<p>long ascii text before the end \xf0\x9f\x98</p>",
      "<p>long ascii text before the end \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd</p>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StorySanitized) clean = story_sanitize_html (cases[i].input, NULL);

      g_assert_true (g_utf8_validate (clean->html, -1, NULL));
      g_assert_cmpstr (clean->html, ==, cases[i].expected);
    }
}

static void
test_deterministic (void)
{
  static const char html[] =
    "<img src=\"x.png\" alt=\"a\" width=\"2\" title=\"t\"><a title=\"t\" href=\"/\">l</a>";
  g_autoptr(StorySanitized) first = NULL;
  g_autoptr(StorySanitized) second = NULL;
  g_autoptr(StorySanitized) reordered = NULL;

  first = sanitize (html, BASE_URL);
  second = sanitize (html, BASE_URL);
  reordered = sanitize ("<img title=\"t\" width=\"2\" alt=\"a\" src=\"x.png\">"
                        "<a href=\"/\" title=\"t\">l</a>",
                        BASE_URL);

  g_assert_cmpstr (first->html, ==, second->html);
  g_assert_cmpstr (first->html, ==, reordered->html);
  g_assert_cmpstr (first->text, ==, second->text);
}

static void
test_resanitize (void)
{
  static const char html[] =
    "<h2>Sub</h2><p>Text &amp; <a href=\"https://example.com/?a=1&amp;b=2\">link</a></p>"
    "<pre>\n  code</pre><table><tr><td>x</td></tr></table>"
    "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>";
  g_autoptr(StorySanitized) once = sanitize (html, BASE_URL);
  g_autoptr(StorySanitized) twice = sanitize (once->html, BASE_URL);
  g_autoptr(StorySanitized) with_image = sanitize ("<p><img src=\"a.png\">x</p>", BASE_URL);
  g_autoptr(StorySanitized) image_again = sanitize (with_image->html, BASE_URL);

  g_assert_cmpstr (twice->html, ==, once->html);
  g_assert_cmpstr (twice->text, ==, once->text);

  /* The app's own image scheme is not accepted from input. */
  g_assert_cmpstr (image_again->html, ==, "<p>x</p>");
  g_assert_cmpuint (image_again->images->len, ==, 0);
}

/* The tokenizer */

/* Every start tag of ours has its end tag, in order, except the void
 * elements. */
static void
assert_balanced (const char *html)
{
  static const char * const void_elements[] = { "br", "col", "hr", "img", "source", "wbr", NULL };
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p, '<'))
    {
      gboolean end = p[1] == '/';
      const char *name = p + (end ? 2 : 1);
      gsize length = strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789");
      g_autofree char *tag = g_strndup (name, length);

      g_assert_cmpuint (length, >, 0);
      p = strchr (name, '>');
      g_assert_nonnull (p);

      if (!end && g_strv_contains (void_elements, tag))
        continue;

      if (!end)
        {
          g_ptr_array_add (open, g_steal_pointer (&tag));
          continue;
        }

      g_assert_cmpuint (open->len, >, 0);
      g_assert_cmpstr (g_ptr_array_index (open, open->len - 1), ==, tag);
      g_ptr_array_remove_index (open, open->len - 1);
    }

  g_assert_cmpuint (open->len, ==, 0);
}

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
assert_cases (const Case *cases,
              gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(StorySanitized) sanitized = sanitize (cases[i].input, BASE_URL);
      g_autofree char *text = story_html_to_text (cases[i].input);

      if (g_strcmp0 (sanitized->html, cases[i].expected) != 0)
        g_error ("%s\n  gave     %s\n  expected %s", cases[i].input, sanitized->html,
                 cases[i].expected);

      g_assert_cmpstr (sanitized->text, ==, text);
      assert_safe (sanitized->html);
      assert_balanced (sanitized->html);
    }
}

static void
test_tokenizer_unterminated (void)
{
  static const Case cases[] = {
    /* A tag the input ends in is dropped, as browsers drop it. */
    { "<p>a</p><img src=\"https://example.com/x.png", "<p>a</p>" },
    { "<p>a</p><img src='https://example.com/x.png' alt=\"a", "<p>a</p>" },
    { "<p>a</p><img src=https://example.com/x.png", "<p>a</p>" },
    { "<p>a</p><img src=", "<p>a</p>" },
    { "<p>a</p><b title", "<p>a</p>" },
    { "<p>a</p><b", "<p>a</p>" },
    { "<p>a</p></b", "<p>a</p>" },
    { "<p>a</p><!-- never closed <script>alert(1)</script><p>b</p>", "<p>a</p>" },
    { "<p>a</p><!DOCTYPE html", "<p>a</p>" },
    { "<p>a<", "<p>a&lt;</p>" },
    { "<p>a</", "<p>a&lt;/</p>" },
    { "<p>a < b <3</p>", "<p>a &lt; b &lt;3</p>" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_raw_text (void)
{
  static const Case cases[] = {
    /* A script ends only at "</script" followed by a space, '/' or '>'. */
    { "<script>document.write(\"</scr\" + \"ipt><p>no</p>\")</script><p>b</p>", "<p>b</p>" },
    { "<script>x = \"</script\"; <p>no</p></script><p>b</p>", "<p>b</p>" },
    { "<script>a</scriptx><p>no</p>", "" },
    { "<p>a</p><script>alert(1)</script", "<p>a</p>" },
    { "<SCRIPT>a</ScRiPt ><p>b</p>", "<p>b</p>" },
    { "<script>a</script\t/x=\"y\"><p>b</p>", "<p>b</p>" },
    { "<style>p { color: red } </p><p>no</style/><p>b</p>", "<p>b</p>" },
    { "<textarea><p>no</p></textarea><p>b</p>", "<p>b</p>" },
    { "<title><b>no</title><p>b</p>", "<p>b</p>" },
    { "<xmp><script>no</xmp><p>b</p>", "<p>b</p>" },
    { "<noembed><p>no</p></noembed><noframes><p>no</noframes><p>b</p>", "<p>b</p>" },
    { "<p>a</p><plaintext></plaintext><p>no</p>", "<p>a</p>" },
    /* Frames are raw text too; their content is fallback. */
    { "<iframe src=\"https://www.youtube.com/embed/x\"><p>no</p><script>x</script></iframe>"
      "<p>b</p>",
      "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"" FRAME_TAIL "<p>b</p>" },
    /* Without scripts <noscript> holds markup: an attribute value cannot
     * end it. */
    { "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript><p>b</p>",
      "<p>b</p>" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_comments (void)
{
  static const Case cases[] = {
    { "<!--><script>alert(1)</script><p>a</p>", "<p>a</p>" },
    { "<!---><p>a</p>", "<p>a</p>" },
    { "<!-- <p>no</p> --><p>a</p>", "<p>a</p>" },
    { "<!-- a --!><p>a</p>", "<p>a</p>" },
    { "<!-- -- > <p>no</p> ---><p>a</p>", "<p>a</p>" },
    { "<!--[if IE]><script>alert(1)</script><![endif]--><p>a</p>", "<p>a</p>" },
    /* Outside SVG and MathML, CDATA is a bogus comment up to the first '>'. */
    { "<![CDATA[<b>x</b>]]><p>a</p>", "x]]&gt;<p>a</p>" },
    { "<![CDATA[<script>alert(1)</script>]]>", "alert(1)]]&gt;" },
    { "<!DOCTYPE html><p>a</p>", "<p>a</p>" },
    { "<?xml version=\"1.0\"?><p>a</p>", "<p>a</p>" },
    { "</ x><p>a</p></>", "<p>a</p>" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_case (void)
{
  static const Case cases[] = {
    { "<P TITLE=\"t\" LaNg=\"EN\">x</p><DIV DIR=RTL>y</DiV>",
      "<p title=\"t\" lang=\"EN\">x</p><div dir=\"rtl\">y</div>" },
    { "<A HREF=\"https://example.com/\">l</A>",
      "<a href=\"https://example.com/\"" REL ">l</a>" },
    { "<ScRiPt>alert(1)</sCrIpT><IMG SRC=x ONERROR=alert(1)>",
      "<img src=\"storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fx\" loading=\"lazy\">" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_attributes (void)
{
  static const Case cases[] = {
    /* The first of two attributes of one name wins, as in browsers. */
    { "<a href=\"https://a.example/\" href=\"javascript:alert(1)\">x</a>",
      "<a href=\"https://a.example/\"" REL ">x</a>" },
    { "<a href=\"javascript:alert(1)\" HREF=\"https://a.example/\">x</a>", "<a>x</a>" },
    { "<p title=\"one\" TITLE=\"two\" title=three>x</p>", "<p title=\"one\">x</p>" },
    /* Attributes without a value. */
    { "<ol reversed start>x</ol>", "<ol reversed>x</ol>" },
    { "<a href>x</a><a href=>y</a>", "<a>x</a><a>y</a>" },
    { "<img src alt=\"a\"><p title>t</p>", "<p title=\"\">t</p>" },
    /* Unquoted values, and no space between attributes. */
    { "<a href=javascript:alert(1)>x</a>", "<a>x</a>" },
    { "<a href=https://example.com/?a=1&amp;b=2>x</a>",
      "<a href=\"https://example.com/?a=1&amp;b=2\"" REL ">x</a>" },
    { "<img/src=\"a.png\"/alt='b'/onerror=alert(1)>",
      "<img src=\"storyline://image/https%3A%2F%2Fexample.com%2Fnews%2Fa.png\" alt=\"b\" "
      "loading=\"lazy\">" },
    { "<p title=\"a\"title='b'lang=en>x</p>", "<p title=\"a\" lang=\"en\">x</p>" },
    /* Odd names are names, and '<' or quotes inside a tag are no escape. */
    { "<p =title=\"x\" \"a\"=b title=\"t<\">x</p>", "<p title=\"t&lt;\">x</p>" },
    { "<p title=a\"b'c>x</p>", "<p title=\"a&quot;b'c\">x</p>" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_references (void)
{
  static const Case cases[] = {
    /* URLs are checked as browsers read them, references decoded. */
    { "<a href=\"javascript&#58;alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"javascript&#58alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"&#x6A;&#X61;vascript:alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"java&#x09;script:alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"java&Tab;script&colon;alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"jav&NewLine;ascript&colon;alert(1)\">x</a>", "<a>x</a>" },
    { "<a href=\"&#14;javascript:alert(1)\">x</a>", "<a>x</a>" },
    { "<img src=\"&#14;  javascript:alert(1)\">", "" },
    { "<a href=\"https://example.com/?a=1&amp;utm_source=x\">x</a>",
      "<a href=\"https://example.com/?a=1\"" REL ">x</a>" },
    /* Named references need their ';'; numeric ones do not. */
    { "<p>&amp &lt x &copy &#65&#x42;</p>", "<p>&amp;amp &amp;lt x &amp;copy AB</p>" },
    { "<p title=\"&amp &quot;\">x</p>", "<p title=\"&amp;amp &quot;\">x</p>" },
    /* NUL and what Unicode cannot hold become U+FFFD, as in browsers. */
    { "<p>a&#0;b&#x0;c&#xD800;d&#1114112;</p>",
      "<p>a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d\xef\xbf\xbd</p>" },
    { "<p>&#150;&#x80;</p>", "<p>\xe2\x80\x93\xe2\x82\xac</p>" },
    /* Control characters from references are left out like literal ones. */
    { "<p>a&#1;b&#x1b;c</p>", "<p>abc</p>" },
    { "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_structure (void)
{
  static const Case cases[] = {
    /* Stray end tags are ignored; an end tag closes what is open above. */
    { "</p></div></b>x</a></table>", "x" },
    { "<b>a</i>b</b>", "<b>ab</b>" },
    { "<div><b>a</div>b", "<div><b>a</b></div>b" },
    { "<b>a", "<b>a</b>" },
    /* The end tags HTML lets documents leave out. */
    { "<p>a<p>b", "<p>a</p><p>b</p>" },
    { "<p>a<div>b</div>", "<p>a</p><div>b</div>" },
    { "<p>a<h2>b</h2>", "<p>a</p><h2>b</h2>" },
    { "<p>a<span>b<ul><li>c</ul>", "<p>a<span>b</span></p><ul><li>c</li></ul>" },
    { "<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>" },
    { "<ul><li>a<ul><li>b</ul><li>c</ul>",
      "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>" },
    { "<li><p>a<li>b", "<li><p>a</p></li><li>b</li>" },
    { "<dl><dt>a<dd>b<dt>c</dl>", "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>" },
    { "<table><tr><td>a<td>b<tr><th>c</table>",
      "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>" },
    { "<table><thead><tr><td>a<tbody><tr><td>b</table>",
      "<table><thead><tr><td>a</td></tr></thead><tbody><tr><td>b</td></tr></tbody></table>" },
    { "<table><tr><td><table><tr><td>a</table>b</table>",
      "<table><tr><td><table><tr><td>a</td></tr></table>b</td></tr></table>" },
    { "<td><p>a<td>b", "<td><p>a</p></td><td>b</td>" },
    { "<h1>a<h2>b", "<h1>a</h1><h2>b</h2>" },
    { "<a href=\"https://a.example/\">a<a href=\"https://b.example/\">b</a>",
      "<a href=\"https://a.example/\"" REL ">a</a>"
      "<a href=\"https://b.example/\"" REL ">b</a>" },
    /* HTML elements ignore "/>"; SVG and MathML are closed by it. */
    { "<div/>a", "<div>a</div>" },
    { "<br/><hr/>", "<br><hr>" },
    { "<svg/><p>a</p><math/>b", "<p>a</p>b" },
    /* Dropped elements that are never closed take the rest, unless an end
     * tag closes an element open around them. */
    { "<p>a</p><form><p>no</p>", "<p>a</p>" },
    { "<svg><p>no</p>", "" },
    { "<select><option>no<p>no", "" },
    { "<div>a<object><p>no</p></div>b", "<div>a</div>b" },
    { "<form><form>no</form>no</form><p>a</p>", "<p>a</p>" },
    { "<svg><svg/>no</svg><p>a</p>", "<p>a</p>" },
    /* A <head> or <body> inside a body is ignored. */
    { "<head><p>a</p></head><body onload=alert(1)><p>b</p>", "<p>a</p><p>b</p>" },
  };

  assert_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_tokenizer_depth (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(StorySanitized) sanitized = NULL;
  guint n_open = 0;

  for (guint i = 0; i < 300; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "deep");
  for (guint i = 0; i < 300; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "<p>after</p>");

  sanitized = sanitize (html->str, NULL);

  /* The elements beyond the bound give way to their content. */
  for (const char *p = strstr (sanitized->html, "<div>"); p != NULL; p = strstr (p + 1, "<div>"))
    n_open++;
  g_assert_cmpuint (n_open, ==, 256);
  g_assert_nonnull (strstr (sanitized->html, "<div>deep</div>"));
  g_assert_true (g_str_has_suffix (sanitized->html, "</div><p>after</p>"));
  g_assert_cmpstr (sanitized->text, ==, "deep after");
  assert_balanced (sanitized->html);
}

static gpointer
sanitize_vectors_thread (gpointer data)
{
  GPtrArray *expected = data;

  for (guint i = 0; i < vectors->len; i++)
    {
      g_autoptr(StorySanitized) sanitized = story_sanitize_html (g_ptr_array_index (vectors, i),
                                                                 BASE_URL);

      g_assert_cmpstr (sanitized->html, ==, g_ptr_array_index (expected, i));
    }

  return NULL;
}

/* Sanitizing happens on worker threads. */
static void
test_threads (void)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  GThread *threads[4];

  for (guint i = 0; i < vectors->len; i++)
    {
      g_autoptr(StorySanitized) sanitized = story_sanitize_html (g_ptr_array_index (vectors, i),
                                                                 BASE_URL);

      g_ptr_array_add (expected, g_strdup (sanitized->html));
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("sanitizer", sanitize_vectors_thread, expected);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  vectors = load_vectors ();
  g_test_add_func ("/sanitizer/xss/vector-count", test_xss_vector_count);
  for (guint i = 0; i < vectors->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sanitizer/xss/vector-%03u", i + 1);

      g_test_add_data_func (path, g_ptr_array_index (vectors, i), test_xss_vector);
    }

  g_test_add_func ("/sanitizer/script/dropped", test_script_dropped);
  g_test_add_func ("/sanitizer/script/text-excluded", test_script_text_excluded);
  g_test_add_func ("/sanitizer/attributes/dropped", test_attributes_dropped);
  g_test_add_func ("/sanitizer/attributes/validated", test_attributes_validated);
  g_test_add_func ("/sanitizer/attributes/escaped", test_escaping);
  g_test_add_func ("/sanitizer/elements/unknown-unwrapped", test_unknown_unwrapped);
  g_test_add_func ("/sanitizer/benign/text", test_benign_text);
  g_test_add_func ("/sanitizer/benign/lists", test_benign_lists);
  g_test_add_func ("/sanitizer/benign/table", test_benign_table);
  g_test_add_func ("/sanitizer/benign/figure", test_benign_figure);
  g_test_add_func ("/sanitizer/benign/blockquote", test_benign_blockquote);
  g_test_add_func ("/sanitizer/benign/pre", test_benign_pre);
  g_test_add_func ("/sanitizer/benign/links", test_benign_links);
  g_test_add_func ("/sanitizer/benign/all-elements", test_benign_all_elements);
  g_test_add_func ("/sanitizer/url/resolve", test_url_resolve);
  g_test_add_func ("/sanitizer/url/relative", test_url_relative);
  g_test_add_func ("/sanitizer/url/srcset", test_url_srcset);
  g_test_add_func ("/sanitizer/url/protocol-relative", test_url_protocol_relative);
  g_test_add_func ("/sanitizer/url/no-base", test_url_no_base);
  g_test_add_func ("/sanitizer/url/resource-base", test_url_resource_base);
  g_test_add_func ("/sanitizer/url/resource-from-http", test_url_resource_from_http);
  g_test_add_func ("/sanitizer/url/schemes", test_url_schemes);
  g_test_add_func ("/sanitizer/url/data-image", test_url_data_image);
  g_test_add_func ("/sanitizer/url/link-helper", test_url_link_helper);
  g_test_add_func ("/sanitizer/tracking/parameters", test_tracking_parameters);
  g_test_add_func ("/sanitizer/tracking/pixel", test_tracking_pixel);
  g_test_add_func ("/sanitizer/tracking/hosts", test_tracking_hosts);
  g_test_add_func ("/sanitizer/iframe/youtube", test_iframe_youtube);
  g_test_add_func ("/sanitizer/iframe/unknown", test_iframe_unknown);
  g_test_add_func ("/sanitizer/media/video-audio", test_media);
  g_test_add_func ("/sanitizer/images/uri", test_image_uri);
  g_test_add_func ("/sanitizer/images/dedup-order", test_image_order);
  g_test_add_func ("/sanitizer/text/whitespace", test_text_whitespace);
  g_test_add_func ("/sanitizer/text/html-to-text", test_text_html_to_text);
  g_test_add_func ("/sanitizer/entities/title", test_entities_title);
  g_test_add_func ("/sanitizer/entities/invalid-references", test_entities_invalid);
  g_test_add_func ("/sanitizer/entities/invalid-utf8", test_entities_invalid_utf8);
  g_test_add_func ("/sanitizer/input/empty", test_empty);
  g_test_add_func ("/sanitizer/input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/sanitizer/input/control-characters", test_control_characters);
  g_test_add_func ("/sanitizer/input/meta-charset-ignored", test_meta_charset_ignored);
  g_test_add_func ("/sanitizer/limits/deep-nesting", test_deep_nesting);
  g_test_add_func ("/sanitizer/limits/large-input", test_large_input);
  g_test_add_func ("/sanitizer/output/invalid-utf8-runs", test_invalid_utf8_runs);
  g_test_add_func ("/sanitizer/output/deterministic", test_deterministic);
  g_test_add_func ("/sanitizer/output/resanitize", test_resanitize);
  g_test_add_func ("/sanitizer/output/threads", test_threads);
  g_test_add_func ("/sanitizer/tokenizer/unterminated", test_tokenizer_unterminated);
  g_test_add_func ("/sanitizer/tokenizer/raw-text", test_tokenizer_raw_text);
  g_test_add_func ("/sanitizer/tokenizer/comments", test_tokenizer_comments);
  g_test_add_func ("/sanitizer/tokenizer/case", test_tokenizer_case);
  g_test_add_func ("/sanitizer/tokenizer/attributes", test_tokenizer_attributes);
  g_test_add_func ("/sanitizer/tokenizer/references", test_tokenizer_references);
  g_test_add_func ("/sanitizer/tokenizer/structure", test_tokenizer_structure);
  g_test_add_func ("/sanitizer/tokenizer/depth", test_tokenizer_depth);

  result = g_test_run ();

  g_ptr_array_unref (vectors);

  return result;
}
