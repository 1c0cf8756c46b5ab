/* story-sanitizer.c
 *
 * Copyright 2026 The Storyline developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "story-sanitizer"

#include "story-sanitizer.h"
#include "story-util.h"

#include <stdlib.h>
#include <string.h>

/* For the table of named character references only. */
#include <libxml/HTMLparser.h>

/* At most this many elements are open at once in the output; deeper ones
 * give way to their content. */
#define MAX_DEPTH 256

/* Longer bodies are cut before parsing. Cutting in the middle of a tag
 * is harmless: the cut document is parsed and re-serialised like any
 * other. The body is always read as UTF-8: a <meta charset> inside
 * hostile content must not switch the decoder half-way through. */
#define MAX_INPUT_LENGTH (32 * 1024 * 1024)

/* GUri keeps percent-encodings as they are and tolerates stray spaces. */
#define URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED)

#define LINK_REL        "noopener noreferrer"
#define FRAME_SANDBOX   "allow-scripts allow-same-origin allow-popups"
#define FRAME_REFERRER  "strict-origin-when-cross-origin"

typedef enum
{
  ACTION_KEEP,    /* serialise the element with its allowed attributes */
  ACTION_UNWRAP,  /* drop the tags, keep the content */
  ACTION_DROP,    /* drop the element and everything inside it */
} ElementAction;

typedef enum
{
  ELEMENT_VOID    = 1 << 0,  /* has no content and no end tag */
  ELEMENT_BLOCK   = 1 << 1,  /* separates words in the plain text */
  ELEMENT_NO_TEXT = 1 << 2,  /* its content is fallback, not part of the plain text */
  /* Its content is text up to its end tag, never markup. <noscript> is
   * raw text only where scripts run; the reading pane runs none, so it
   * is read as markup (and dropped with its content). */
  ELEMENT_RAW_TEXT = 1 << 3,
  ELEMENT_CLOSES_P = 1 << 4, /* its start tag closes an open paragraph */
} ElementFlags;

typedef struct
{
  const char    *name;
  ElementAction  action;
  ElementFlags   flags;
} ElementRule;

/* Sorted by name (strcmp order) for bsearch(). Elements missing from the
 * table are unwrapped. */
static const ElementRule element_rules[] = {
  { "a",          ACTION_KEEP,   0 },
  { "abbr",       ACTION_KEEP,   0 },
  { "address",    ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "applet",     ACTION_DROP,   0 },
  { "area",       ACTION_DROP,   ELEMENT_VOID },
  { "article",    ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "aside",      ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "audio",      ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_NO_TEXT },
  { "b",          ACTION_KEEP,   0 },
  { "base",       ACTION_DROP,   ELEMENT_VOID },
  { "basefont",   ACTION_DROP,   ELEMENT_VOID },
  { "bdi",        ACTION_KEEP,   0 },
  { "bdo",        ACTION_KEEP,   0 },
  { "bgsound",    ACTION_DROP,   ELEMENT_VOID },
  { "blockquote", ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "body",       ACTION_UNWRAP, ELEMENT_BLOCK },
  { "br",         ACTION_KEEP,   ELEMENT_VOID | ELEMENT_BLOCK },
  { "button",     ACTION_DROP,   0 },
  { "canvas",     ACTION_DROP,   0 },
  { "caption",    ACTION_KEEP,   ELEMENT_BLOCK },
  { "center",     ACTION_UNWRAP, ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "cite",       ACTION_KEEP,   0 },
  { "code",       ACTION_KEEP,   0 },
  { "col",        ACTION_KEEP,   ELEMENT_VOID },
  { "colgroup",   ACTION_KEEP,   0 },
  { "datalist",   ACTION_DROP,   0 },
  { "dd",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "del",        ACTION_KEEP,   0 },
  { "details",    ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "dfn",        ACTION_KEEP,   0 },
  { "dialog",     ACTION_UNWRAP, ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "div",        ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "dl",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "dt",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "em",         ACTION_KEEP,   0 },
  { "embed",      ACTION_DROP,   ELEMENT_VOID },
  { "fieldset",   ACTION_UNWRAP, ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "figcaption", ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "figure",     ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "footer",     ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "form",       ACTION_DROP,   0 },
  { "frame",      ACTION_DROP,   ELEMENT_VOID },
  { "frameset",   ACTION_DROP,   0 },
  { "h1",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "h2",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "h3",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "h4",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "h5",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "h6",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "head",       ACTION_DROP,   0 },
  { "header",     ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "hr",         ACTION_KEEP,   ELEMENT_VOID | ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "html",       ACTION_UNWRAP, ELEMENT_BLOCK },
  { "i",          ACTION_KEEP,   0 },
  { "iframe",     ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_NO_TEXT | ELEMENT_RAW_TEXT },
  { "img",        ACTION_KEEP,   ELEMENT_VOID },
  { "input",      ACTION_DROP,   ELEMENT_VOID },
  { "ins",        ACTION_KEEP,   0 },
  { "isindex",    ACTION_DROP,   ELEMENT_VOID },
  { "kbd",        ACTION_KEEP,   0 },
  { "keygen",     ACTION_DROP,   ELEMENT_VOID },
  { "legend",     ACTION_UNWRAP, ELEMENT_BLOCK },
  { "li",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "link",       ACTION_DROP,   ELEMENT_VOID },
  { "listing",    ACTION_UNWRAP, ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "main",       ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "map",        ACTION_DROP,   0 },
  { "mark",       ACTION_KEEP,   0 },
  { "marquee",    ACTION_UNWRAP, ELEMENT_BLOCK },
  { "math",       ACTION_DROP,   0 },
  { "menu",       ACTION_UNWRAP, ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "meta",       ACTION_DROP,   ELEMENT_VOID },
  { "nav",        ACTION_UNWRAP, ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "noembed",    ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "noframes",   ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "noscript",   ACTION_DROP,   0 },
  { "object",     ACTION_DROP,   0 },
  { "ol",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "optgroup",   ACTION_DROP,   0 },
  { "option",     ACTION_DROP,   0 },
  { "p",          ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "param",      ACTION_DROP,   ELEMENT_VOID },
  { "picture",    ACTION_KEEP,   0 },
  { "plaintext",  ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "portal",     ACTION_DROP,   0 },
  { "pre",        ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "q",          ACTION_KEEP,   0 },
  { "rp",         ACTION_KEEP,   0 },
  { "rt",         ACTION_KEEP,   0 },
  { "ruby",       ACTION_KEEP,   0 },
  { "s",          ACTION_KEEP,   0 },
  { "samp",       ACTION_KEEP,   0 },
  { "script",     ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "section",    ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "select",     ACTION_DROP,   0 },
  { "small",      ACTION_KEEP,   0 },
  { "source",     ACTION_KEEP,   ELEMENT_VOID },
  { "span",       ACTION_KEEP,   0 },
  { "strong",     ACTION_KEEP,   0 },
  { "style",      ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "sub",        ACTION_KEEP,   0 },
  { "summary",    ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "sup",        ACTION_KEEP,   0 },
  { "svg",        ACTION_DROP,   0 },
  { "table",      ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "tbody",      ACTION_KEEP,   ELEMENT_BLOCK },
  { "td",         ACTION_KEEP,   ELEMENT_BLOCK },
  { "template",   ACTION_DROP,   0 },
  { "textarea",   ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "tfoot",      ACTION_KEEP,   ELEMENT_BLOCK },
  { "th",         ACTION_KEEP,   ELEMENT_BLOCK },
  { "thead",      ACTION_KEEP,   ELEMENT_BLOCK },
  { "time",       ACTION_KEEP,   0 },
  { "title",      ACTION_DROP,   ELEMENT_RAW_TEXT },
  { "tr",         ACTION_KEEP,   ELEMENT_BLOCK },
  { "track",      ACTION_DROP,   ELEMENT_VOID },
  { "u",          ACTION_KEEP,   0 },
  { "ul",         ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_CLOSES_P },
  { "var",        ACTION_KEEP,   0 },
  { "video",      ACTION_KEEP,   ELEMENT_BLOCK | ELEMENT_NO_TEXT },
  { "wbr",        ACTION_KEEP,   ELEMENT_VOID },
  { "xmp",        ACTION_DROP,   ELEMENT_RAW_TEXT },
};

typedef enum
{
  ATTR_TEXT,       /* any text, escaped */
  ATTR_BOOLEAN,    /* written without a value */
  ATTR_LINK,       /* http, https or mailto; tracking parameters removed */
  ATTR_REMOTE,     /* absolute http or https */
  ATTR_SRCSET,     /* image candidates, rewritten to the image scheme */
  ATTR_NUMBER,     /* non-negative integer */
  ATTR_INTEGER,    /* integer, possibly negative */
  ATTR_DIMENSION,  /* pixels or a percentage */
  ATTR_DIR,
  ATTR_LANG,
  ATTR_LIST_TYPE,
  ATTR_SCOPE,
} AttributeKind;

typedef struct
{
  const char    *element;  /* NULL for the global attributes */
  const char    *name;
  AttributeKind  kind;
} AttributeRule;

/* Attributes are written in this order, whatever their order in the
 * input, so equal documents serialise to equal strings. The image source
 * and the iframe are handled by their own functions. */
static const AttributeRule attribute_rules[] = {
  { "a",          "href",     ATTR_LINK },
  { "audio",      "src",      ATTR_REMOTE },
  { "blockquote", "cite",     ATTR_REMOTE },
  { "col",        "span",     ATTR_NUMBER },
  { "colgroup",   "span",     ATTR_NUMBER },
  { "del",        "cite",     ATTR_REMOTE },
  { "img",        "alt",      ATTR_TEXT },
  { "img",        "width",    ATTR_DIMENSION },
  { "img",        "height",   ATTR_DIMENSION },
  { "ins",        "cite",     ATTR_REMOTE },
  { "li",         "value",    ATTR_INTEGER },
  { "ol",         "start",    ATTR_INTEGER },
  { "ol",         "reversed", ATTR_BOOLEAN },
  { "ol",         "type",     ATTR_LIST_TYPE },
  { "q",          "cite",     ATTR_REMOTE },
  { "source",     "src",      ATTR_REMOTE },
  { "source",     "srcset",   ATTR_SRCSET },
  { "source",     "type",     ATTR_TEXT },
  { "source",     "media",    ATTR_TEXT },
  { "source",     "sizes",    ATTR_TEXT },
  { "td",         "colspan",  ATTR_NUMBER },
  { "td",         "rowspan",  ATTR_NUMBER },
  { "td",         "headers",  ATTR_TEXT },
  { "th",         "colspan",  ATTR_NUMBER },
  { "th",         "rowspan",  ATTR_NUMBER },
  { "th",         "headers",  ATTR_TEXT },
  { "th",         "scope",    ATTR_SCOPE },
  { "time",       "datetime", ATTR_TEXT },
  { "video",      "src",      ATTR_REMOTE },
  { "video",      "width",    ATTR_DIMENSION },
  { "video",      "height",   ATTR_DIMENSION },
  { NULL,         "title",    ATTR_TEXT },
  { NULL,         "lang",     ATTR_LANG },
  { NULL,         "dir",      ATTR_DIR },
};

/* Query parameters that only identify the reader or the campaign. Any
 * parameter starting with "utm_" goes as well. */
static const char * const tracking_parameters[] = {
  "fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid",
  "_hsenc", "_hsmi", "yclid", "msclkid",
};

typedef struct
{
  const char *host;         /* matches the host and its subdomains */
  const char *path_prefix;  /* NULL for the whole host */
} TrackerRule;

static const TrackerRule tracker_hosts[] = {
  { "feeds.feedburner.com",     "/~r/" },
  { "feeds.feedburner.com",     "/~ff/" },
  { "feedproxy.google.com",     "/~r/" },
  { "pixel.wp.com",             NULL },
  { "stats.wordpress.com",      NULL },
  { "google-analytics.com",     NULL },
  { "doubleclick.net",          NULL },
  { "pixel.quantserve.com",     NULL },
};

typedef struct
{
  const char *host;         /* exact host */
  const char *path_prefix;
  const char *serve_host;   /* the host written out */
} FrameRule;

static const FrameRule frame_hosts[] = {
  { "www.youtube.com",          "/embed/",         "www.youtube-nocookie.com" },
  { "youtube.com",              "/embed/",         "www.youtube-nocookie.com" },
  { "www.youtube-nocookie.com", "/embed/",         "www.youtube-nocookie.com" },
  { "player.vimeo.com",         "/video/",         "player.vimeo.com" },
  { "w.soundcloud.com",         "/player/",        "w.soundcloud.com" },
  { "open.spotify.com",         "/embed/",         "open.spotify.com" },
  { "open.spotify.com",         "/embed-podcast/", "open.spotify.com" },
};

/* The attributes any rule reads, sorted (strcmp order) for bsearch(). Of
 * the others only the syntax matters. */
static const char * const attribute_names[] = {
  "alt", "cite", "colspan", "datetime", "dir", "headers", "height", "href", "lang", "media",
  "reversed", "rowspan", "scope", "sizes", "span", "src", "srcset", "start", "title", "type",
  "value", "width",
};

/* The longest of attribute_names. */
#define MAX_ATTRIBUTE_NAME 8

/* The longest element name in element_rules, with room for the NUL. */
#define ELEMENT_NAME_SIZE 11

/* The tag being read. */
typedef struct
{
  const ElementRule *rule;          /* NULL for an element missing from the table */
  gboolean           self_closing;  /* ended with "/>" */
  GString           *values;        /* decoded attribute values, each NUL-terminated */
  gssize             value_at[G_N_ELEMENTS (attribute_names)];  /* offsets in values, or -1 */
  guint8             kept[G_N_ELEMENTS (attribute_names)];      /* indices of the values set */
  guint              n_values;
} Tag;

typedef struct
{
  const char        *base_url;
  GString           *html;         /* NULL when only the plain text is wanted */
  GString           *text;
  gboolean           text_break;   /* a space is due before the next word */
  guint              no_text;      /* > 0 inside content that is not part of the text */
  GPtrArray         *images;
  GHashTable        *seen_images;  /* borrowed strings from images */

  const ElementRule *open[MAX_DEPTH];  /* the elements written and not yet closed */
  guint              n_open;
  const ElementRule *skip;         /* the dropped element being skipped, or NULL */
  guint              skip_nesting; /* how many of it are open */
  GString           *decoded;      /* text with its references decoded */
  Tag                tag;
} Walk;

static gsize decode_reference (const char *p,
                               gboolean    in_markup,
                               gunichar   *out);

static int
compare_element_rule (const void *key,
                      const void *member)
{
  const ElementRule *rule = member;

  return strcmp (key, rule->name);
}

/* Where the names starting with each letter begin in element_rules: every
 * tag is looked up, and the letter leaves a few names to search. */
static guint8 element_letters[27];

static void
index_element_rules (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint i = 0;

      G_STATIC_ASSERT (G_N_ELEMENTS (element_rules) < G_MAXUINT8);

      for (guint letter = 0; letter < 26; letter++)
        {
          element_letters[letter] = i;
          while (i < G_N_ELEMENTS (element_rules) && (guint) element_rules[i].name[0] == 'a' + letter)
            i++;
        }
      element_letters[26] = i;
      g_assert (i == G_N_ELEMENTS (element_rules));

      g_once_init_leave (&initialized, 1);
    }
}

/* @name is in lower case. */
static const ElementRule *
lookup_element (const char *name)
{
  guint letter;

  if (name[0] < 'a' || name[0] > 'z')
    return NULL;

  letter = name[0] - 'a';

  return bsearch (name,
                  element_rules + element_letters[letter],
                  element_letters[letter + 1] - element_letters[letter],
                  sizeof (ElementRule),
                  compare_element_rule);
}

static int
compare_attribute_name (const void *key,
                        const void *member)
{
  return strcmp (key, *(const char * const *) member);
}

/* The index of @name in attribute_names, or -1. */
static int
lookup_attribute (const char *name)
{
  const char * const *found = bsearch (name,
                                       attribute_names,
                                       G_N_ELEMENTS (attribute_names),
                                       sizeof (const char *),
                                       compare_attribute_name);

  return found != NULL ? (int) (found - attribute_names) : -1;
}

/* The decoded value of the first attribute @name of the current tag ("" for
 * an attribute without a value), or NULL. @name is in attribute_names. */
static const char *
tag_get (Walk       *walk,
         const char *name)
{
  const Tag *tag = &walk->tag;

  /* Tags have few attributes: the list of those kept is shorter than the
   * table. */
  for (guint j = 0; j < tag->n_values; j++)
    {
      guint i = tag->kept[j];

      if (strcmp (attribute_names[i], name) == 0)
        return tag->values->str + tag->value_at[i];
    }

  return NULL;
}

static gboolean
is_http_scheme (const char *scheme)
{
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

/* For each byte: bit 0 when text must escape it or leave it out, bit 1
 * when an attribute value must. */
static const guint8 escape_classes[256] = {
  3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

#define BYTES_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define BYTES_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether a byte of @word is below @n (at most 0x80). */
static inline guint64
has_byte_below (guint64 word,
                guint   n)
{
  return (word - BYTES_ONES * n) & ~word & BYTES_HIGHS;
}

/* Whether a byte of @word is @c. */
static inline guint64
has_byte (guint64 word,
          guchar  c)
{
  return has_byte_below (word ^ (BYTES_ONES * c), 1);
}

/* Appends @length bytes of @text escaped for HTML. Control characters other
 * than tab, line feed and carriage return have no business in an article
 * and are left out. Runs of characters that need nothing are copied in one
 * go: this is the sanitizer's inner loop. */
static void
append_escaped_len (GString    *out,
                    const char *text,
                    gsize       length,
                    gboolean    in_attribute)
{
  const guint8 mask = in_attribute ? 2 : 1;
  const char *end = text + length;
  const char *run = text;
  const char *p = text;

  for (;;)
    {
      const char *replacement;

      /* Eight bytes at a time while none of them is a control character,
       * '&', '<', '>' or, in a value, '"'. */
      while (end - p >= 8)
        {
          guint64 word;
          guint64 found;

          memcpy (&word, p, sizeof word);
          found = has_byte_below (word, 0x20) | has_byte (word, '&') | has_byte (word, '<') |
                  has_byte (word, '>') | has_byte (word, 0x7f);
          if (in_attribute)
            found |= has_byte (word, '"');
          if (found != 0)
            break;
          p += 8;
        }

      while (p < end && (escape_classes[(guchar) *p] & mask) == 0)
        p++;

      if (p == end)
        break;

      switch (*p)
        {
        case '&':
          replacement = "&amp;";
          break;

        case '<':
          replacement = "&lt;";
          break;

        case '>':
          replacement = "&gt;";
          break;

        case '"':
          replacement = "&quot;";
          break;

        default:
          replacement = "";
          break;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, replacement);
      run = ++p;
    }

  g_string_append_len (out, run, p - run);
}

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    in_attribute)
{
  append_escaped_len (out, text, strlen (text), in_attribute);
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);

  if (value != NULL)
    {
      g_string_append (out, "=\"");
      append_escaped (out, value, TRUE);
      g_string_append_c (out, '"');
    }
}

/* Adds the words of @length bytes of @content (valid UTF-8) to the plain
 * text, collapsing whitespace. */
static void
append_text (Walk       *walk,
             const char *content,
             gsize       length)
{
  const char *end = content + length;

  if (walk->no_text > 0)
    return;

  for (const char *p = content; p < end;)
    {
      gunichar c;

      /* Printable ASCII, most of any text, needs no Unicode tables: a run
       * of it, single spaces between words included, is copied at once. */
      if ((guchar) *p > 0x20 && (guchar) *p < 0x7f)
        {
          const char *run = p + 1;

          while (run < end)
            {
              if ((guchar) *run > 0x20 && (guchar) *run < 0x7f)
                run++;
              else if (*run == ' ' && run + 1 < end &&
                       (guchar) run[1] > 0x20 && (guchar) run[1] < 0x7f)
                run += 2;
              else
                break;
            }
          if (walk->text_break && walk->text->len > 0)
            g_string_append_c (walk->text, ' ');
          walk->text_break = FALSE;
          g_string_append_len (walk->text, p, run - p);
          p = run;
          continue;
        }

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p++;

          if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
            walk->text_break = TRUE;

          /* Any other is a control character. */
          continue;
        }

      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (g_unichar_isspace (c))
        {
          walk->text_break = TRUE;
          continue;
        }

      if (g_unichar_iscntrl (c))
        continue;

      if (walk->text_break && walk->text->len > 0)
        g_string_append_c (walk->text, ' ');

      walk->text_break = FALSE;
      g_string_append_unichar (walk->text, c);
    }
}

/* URLs */

static gboolean
is_url_edge_junk (gunichar c)
{
  return c <= 0x20 || c == 0x7f || g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
         g_unichar_type (c) == G_UNICODE_FORMAT;
}

/* Trims whitespace and control characters from both ends and removes tabs
 * and line breaks inside, the way browsers do before they look for a
 * scheme ("java\tscript:" is "javascript:"). Any other control character
 * makes the URL unusable. Backslashes before the query read as slashes,
 * again as browsers read them in http(s) URLs. */
static char *
clean_url (const char *url)
{
  const char *start = url;
  const char *end = url + strlen (url);
  const char *scheme;
  GString *clean;

  if (!g_utf8_validate (url, -1, NULL))
    return NULL;

  while (*start != '\0' && is_url_edge_junk (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL)
        prev = start;

      if (!is_url_edge_junk (g_utf8_get_char (prev)))
        break;

      end = prev;
    }

  if (end == start)
    return NULL;

  clean = g_string_sized_new (end - start);

  for (const char *p = start; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\t' || c == '\n' || c == '\r')
        continue;

      if (c < 0x20 || c == 0x7f)
        {
          g_string_free (clean, TRUE);
          return NULL;
        }

      g_string_append_c (clean, (char) c);
    }

  if (clean->len == 0)
    {
      g_string_free (clean, TRUE);
      return NULL;
    }

  /* Only http(s) and relative references read backslashes as slashes. */
  scheme = g_uri_peek_scheme (clean->str);
  if (scheme == NULL || is_http_scheme (scheme))
    {
      for (char *p = clean->str; *p != '\0' && *p != '?' && *p != '#'; p++)
        {
          if (*p == '\\')
            *p = '/';
        }
    }

  return g_string_free (clean, FALSE);
}

/* GLib 2.74 parses URIs that g_uri_to_string() then refuses with a
 * critical: it ends the authority at a ';' ("https://a;b/x" has the host
 * "a" and the path ";b/x"), and removing dot segments can leave a path
 * that reads as an authority ("ps:/..//x" becomes "ps://x"). Neither is a
 * URL anyone can open. */
static gboolean
can_write_uri (GUri *uri)
{
  const char *path = g_uri_get_path (uri);

  if (g_uri_get_host (uri) != NULL)
    return path[0] == '\0' || path[0] == '/';

  return !g_str_has_prefix (path, "//");
}

/**
 * story_resolve_url:
 * @base_url: (nullable): the URL of the document the reference appears in
 * @url: a URL reference, absolute or relative
 *
 * Makes @url absolute. Surrounding whitespace and embedded tabs and line
 * breaks are removed first. A protocol-relative reference ("//host/path")
 * takes the scheme of @base_url when that is http or https, and https
 * otherwise. No scheme is filtered out here: callers that put the result
 * in front of the user must check it.
 *
 * Returns: (transfer full) (nullable): the absolute URL, or %NULL when @url
 *   is empty, malformed, or relative without a usable @base_url
 */
char *
story_resolve_url (const char *base_url,
                   const char *url)
{
  g_autofree char *clean = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  clean = clean_url (url);
  if (clean == NULL)
    return NULL;

  if (g_str_has_prefix (clean, "//"))
    {
      const char *base_scheme = base_url != NULL ? g_uri_peek_scheme (base_url) : NULL;
      char *absolute;

      absolute = g_strconcat (is_http_scheme (base_scheme) ? base_scheme : "https", ":", clean,
                              NULL);
      g_free (clean);
      clean = absolute;
    }

  /* An absolute reference must not fail just because the base is broken. */
  if (g_uri_peek_scheme (clean) != NULL)
    uri = g_uri_parse (clean, URI_FLAGS, NULL);
  else if (base_url != NULL)
    {
      g_autoptr(GUri) base = g_uri_parse (base_url, URI_FLAGS, NULL);

      if (base != NULL)
        uri = g_uri_parse_relative (base, clean, URI_FLAGS, NULL);
    }

  if (uri == NULL)
    return NULL;

  if (!can_write_uri (uri))
    return NULL;

  return g_uri_to_string (uri);
}

static gboolean
is_tracking_parameter (const char *name,
                       gsize       length)
{
  if (length >= 4 && g_ascii_strncasecmp (name, "utm_", 4) == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (tracking_parameters); i++)
    {
      if (strlen (tracking_parameters[i]) == length &&
          g_ascii_strncasecmp (name, tracking_parameters[i], length) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
strip_tracking_parameters (const char *url)
{
  const char *query = strchr (url, '?');
  const char *fragment = strchr (url, '#');
  const char *end;
  const char *p;
  GString *out;
  gboolean first = TRUE;

  if (query == NULL || (fragment != NULL && fragment < query))
    return g_strdup (url);

  end = fragment != NULL ? fragment : url + strlen (url);
  out = g_string_new_len (url, query - url);

  for (p = query + 1; p < end;)
    {
      const char *stop = memchr (p, '&', end - p);
      const char *equals;
      gsize name_length;

      if (stop == NULL)
        stop = end;

      equals = memchr (p, '=', stop - p);
      name_length = (equals != NULL ? equals : stop) - p;

      if (stop > p && !is_tracking_parameter (p, name_length))
        {
          g_string_append_c (out, first ? '?' : '&');
          g_string_append_len (out, p, stop - p);
          first = FALSE;
        }

      p = stop < end ? stop + 1 : end;
    }

  if (fragment != NULL)
    g_string_append (out, fragment);

  return g_string_free (out, FALSE);
}

/* Whether @url is an absolute http(s) URL that story_resolve_url() would
 * give back unchanged, whatever the base: a lowercase scheme, a host of
 * ASCII letters, digits, dots and hyphens, an optional port without a
 * leading zero, and a path, query and fragment made only of characters
 * that need no cleaning, escaping or normalisation (no dot segment, no
 * backslash, no ';', no '%' that is not an upper-case escape). Most URLs in article
 * bodies are like this, and GUri costs far more than this check. On
 * success @host, @host_length and @path locate the host and the path
 * (which runs up to the query or fragment). */
static gboolean
is_upper_xdigit (char c)
{
  return g_ascii_isdigit (c) || (c >= 'A' && c <= 'F');
}

static gboolean
parse_simple_http_url (const char  *url,
                       const char **host,
                       gsize       *host_length,
                       const char **path)
{
  enum { PATH, QUERY, FRAGMENT } part = PATH;
  const char *p;
  const char *host_start;

  if (strncmp (url, "https://", 8) == 0)
    p = url + 8;
  else if (strncmp (url, "http://", 7) == 0)
    p = url + 7;
  else
    return FALSE;

  host_start = p;
  while (g_ascii_isalnum (*p) || *p == '.' || *p == '-')
    p++;
  if (p == host_start)
    return FALSE;
  *host = host_start;
  *host_length = p - host_start;

  if (*p == ':')
    {
      const char *digits = ++p;
      guint port = 0;

      if (*p < '1' || *p > '9')
        return FALSE;
      while (g_ascii_isdigit (*p) && p - digits < 5)
        port = port * 10 + (*p++ - '0');
      if (port > 65535)
        return FALSE;
    }

  if (*p != '/')
    return FALSE;
  *path = p;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        continue;

      switch (*p)
        {
        case '-': case '_': case '~': case '!': case '$': case '\'': case '(': case ')':
        case '*': case '+': case ',': case '=': case ':': case '@': case '/': case '&':
          break;

        case '.':
          /* No segment may start with a dot: "/./" and "/../" are normalised. */
          if (part == PATH && p[-1] == '/')
            return FALSE;
          break;

        case '%':
          /* GUri writes escapes in upper case, and unescapes unreserved
           * characters. */
          if (!is_upper_xdigit (p[1]) || !is_upper_xdigit (p[2]))
            return FALSE;
          {
            char c = (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]));

            if (g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~')
              return FALSE;
          }
          p += 2;
          break;

        case '?':
          if (part != PATH)
            return FALSE;
          part = QUERY;
          break;

        case '#':
          if (part == FRAGMENT)
            return FALSE;
          part = FRAGMENT;
          break;

        default:
          return FALSE;
        }
    }

  return TRUE;
}

typedef enum
{
  URL_LINK,    /* http, https, mailto */
  URL_REMOTE,  /* http, https */
  URL_IMAGE,   /* http, https, and resource: below a resource: document */
} UrlKind;

static char *
sanitize_url (const char *base_url,
              const char *value,
              UrlKind     kind)
{
  g_autofree char *absolute = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  gsize host_length;

  /* An absolute http(s) URL that needs no work is its own result. */
  if (parse_simple_http_url (value, &host, &host_length, &path))
    return kind == URL_LINK ? strip_tracking_parameters (value) : g_strdup (value);

  absolute = story_resolve_url (base_url, value);
  if (absolute == NULL)
    return NULL;

  uri = g_uri_parse (absolute, URI_FLAGS, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);

  if (is_http_scheme (scheme))
    {
      host = g_uri_get_host (uri);

      if (host == NULL || *host == '\0')
        return NULL;

      if (kind == URL_LINK)
        return strip_tracking_parameters (absolute);
    }
  else if (kind == URL_LINK && g_strcmp0 (scheme, "mailto") == 0)
    ;
  else if (kind == URL_IMAGE &&
           g_strcmp0 (scheme, "resource") == 0 &&
           base_url != NULL &&
           g_strcmp0 (g_uri_peek_scheme (base_url), "resource") == 0)
    ;
  else
    return NULL;

  return g_steal_pointer (&absolute);
}

/**
 * story_sanitize_link_url:
 * @base_url: (nullable): the URL of the document the link appears in
 * @url: a link, absolute or relative
 *
 * Checks a link the way links in article bodies are checked: the result is
 * an absolute http, https or mailto URL without tracking parameters.
 *
 * Returns: (transfer full) (nullable): the link, or %NULL if it must not
 *   be followed
 */
char *
story_sanitize_link_url (const char *base_url,
                         const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return sanitize_url (base_url, url, URL_LINK);
}

/* Only raster formats: an SVG document can carry script. */
static gboolean
is_safe_data_image (const char *url)
{
  static const char * const prefixes[] = {
    "data:image/png;base64,",
    "data:image/jpeg;base64,",
    "data:image/gif;base64,",
    "data:image/webp;base64,",
  };
  const char *payload = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && payload == NULL; i++)
    {
      gsize length = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (url, prefixes[i], length) == 0)
        payload = url + length;
    }

  if (payload == NULL || *payload == '\0')
    return FALSE;

  for (const char *p = payload; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        return FALSE;
    }

  return TRUE;
}

static gboolean
host_matches (const char *host,
              gsize       host_length,
              const char *pattern)
{
  gsize pattern_length = strlen (pattern);

  /* "example.com." is "example.com". */
  if (host_length > 0 && host[host_length - 1] == '.')
    host_length--;

  if (host_length == pattern_length)
    return g_ascii_strncasecmp (host, pattern, host_length) == 0;

  return host_length > pattern_length &&
         host[host_length - pattern_length - 1] == '.' &&
         g_ascii_strncasecmp (host + host_length - pattern_length, pattern, pattern_length) == 0;
}

static gboolean
is_tracker_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *path;
  gsize host_length;

  /* The path prefixes hold no '?' or '#', so the path may run on into
   * the query here. */
  if (!parse_simple_http_url (url, &host, &host_length, &path))
    {
      uri = g_uri_parse (url, URI_FLAGS, NULL);
      if (uri == NULL)
        return FALSE;

      host = g_uri_get_host (uri);
      path = g_uri_get_path (uri);

      if (host == NULL)
        return FALSE;

      host_length = strlen (host);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tracker_hosts); i++)
    {
      const TrackerRule *rule = &tracker_hosts[i];

      if (host_matches (host, host_length, rule->host) &&
          (rule->path_prefix == NULL || g_str_has_prefix (path, rule->path_prefix)))
        return TRUE;
    }

  return FALSE;
}

static void
register_image (Walk       *walk,
                const char *url)
{
  char *copy;

  if (g_hash_table_contains (walk->seen_images, url))
    return;

  copy = g_strdup (url);
  g_ptr_array_add (walk->images, copy);
  g_hash_table_add (walk->seen_images, copy);
}

/* "1x", "1.5x", "300w", "200h" */
static gboolean
is_valid_descriptor (const char *descriptor)
{
  const char *p = descriptor;
  gboolean digits = FALSE;

  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }

  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }

  return digits && (*p == 'x' || *p == 'w' || *p == 'h') && p[1] == '\0';
}

/* Follows the candidate splitting of the HTML srcset attribute: a URL runs
 * to the next whitespace, a trailing comma ends it, and the descriptor runs
 * to the next comma. Rejected candidates are left out; the absolute URLs of
 * the others are added to @urls. */
static char *
sanitize_srcset (Walk       *walk,
                 const char *value,
                 GPtrArray  *urls)
{
  GString *out = g_string_new (NULL);
  const char *p = value;

  for (;;)
    {
      g_autofree char *url = NULL;
      g_autofree char *descriptor = NULL;
      g_autofree char *absolute = NULL;
      const char *start;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;

      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;

      if (p[-1] == ',')
        {
          const char *url_end = p;

          while (url_end > start && url_end[-1] == ',')
            url_end--;

          url = g_strndup (start, url_end - start);
        }
      else
        {
          url = g_strndup (start, p - start);

          while (g_ascii_isspace (*p))
            p++;

          start = p;
          while (*p != '\0' && *p != ',')
            p++;

          descriptor = g_strstrip (g_strndup (start, p - start));
          if (*descriptor == '\0')
            g_clear_pointer (&descriptor, g_free);
        }

      if (*url == '\0' || (descriptor != NULL && !is_valid_descriptor (descriptor)))
        continue;

      absolute = sanitize_url (walk->base_url, url, URL_IMAGE);
      if (absolute == NULL || is_tracker_url (absolute))
        continue;

      if (out->len > 0)
        g_string_append (out, ", ");

      g_string_append (out, STORY_IMAGE_URI_PREFIX);
      g_string_append_uri_escaped (out, absolute, NULL, FALSE);

      if (descriptor != NULL)
        {
          g_string_append_c (out, ' ');
          g_string_append (out, descriptor);
        }

      g_ptr_array_add (urls, g_steal_pointer (&absolute));
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* Attribute values */

static char *
sanitize_number (const char *value,
                 gboolean    allow_sign,
                 gboolean    allow_percent)
{
  const char *p = value;
  const char *digits;
  gboolean negative = FALSE;
  char *clean;
  char *out;

  while (g_ascii_isspace (*p))
    p++;

  if (allow_sign && (*p == '-' || *p == '+'))
    {
      negative = *p == '-';
      p++;
    }

  digits = p;
  while (g_ascii_isdigit (*p))
    p++;

  /* Nine digits keep any consumer's int parsing from overflowing. */
  if (p == digits || p - digits > 9)
    return NULL;

  clean = g_malloc (p - digits + 3);
  out = clean;
  if (negative)
    *out++ = '-';
  memcpy (out, digits, p - digits);
  out += p - digits;
  if (allow_percent && *p == '%')
    *out++ = '%';
  *out = '\0';

  return clean;
}

static char *
sanitize_keyword (const char         *value,
                  const char * const *keywords,
                  gboolean            case_sensitive)
{
  for (guint i = 0; keywords[i] != NULL; i++)
    {
      if (case_sensitive ? strcmp (value, keywords[i]) == 0
                         : g_ascii_strcasecmp (value, keywords[i]) == 0)
        return g_strdup (keywords[i]);
    }

  return NULL;
}

static char *
sanitize_lang (const char *value)
{
  gsize length = strlen (value);

  if (length == 0 || length > 35)
    return NULL;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return NULL;
    }

  return g_strdup (value);
}

static char *
sanitize_attribute (Walk          *walk,
                    AttributeKind  kind,
                    const char    *value)
{
  static const char * const dir_keywords[] = { "ltr", "rtl", "auto", NULL };
  static const char * const list_keywords[] = { "1", "a", "A", "i", "I", NULL };
  static const char * const scope_keywords[] = { "row", "col", "rowgroup", "colgroup", NULL };

  switch (kind)
    {
    case ATTR_TEXT:
      return g_strdup (value);

    case ATTR_BOOLEAN:
      return g_strdup ("");

    case ATTR_LINK:
      return sanitize_url (walk->base_url, value, URL_LINK);

    case ATTR_REMOTE:
      return sanitize_url (walk->base_url, value, URL_REMOTE);

    case ATTR_SRCSET:
      {
        g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
        char *srcset = sanitize_srcset (walk, value, urls);

        for (guint i = 0; i < urls->len; i++)
          register_image (walk, g_ptr_array_index (urls, i));

        return srcset;
      }

    case ATTR_NUMBER:
      return sanitize_number (value, FALSE, FALSE);

    case ATTR_INTEGER:
      return sanitize_number (value, TRUE, FALSE);

    case ATTR_DIMENSION:
      return sanitize_number (value, FALSE, TRUE);

    case ATTR_DIR:
      return sanitize_keyword (value, dir_keywords, FALSE);

    case ATTR_LANG:
      return sanitize_lang (value);

    case ATTR_LIST_TYPE:
      return sanitize_keyword (value, list_keywords, TRUE);

    case ATTR_SCOPE:
      return sanitize_keyword (value, scope_keywords, FALSE);

    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/* Writes the allowed attributes of the current tag listed for @element,
 * then the global ones. Returns whether a link target was written. */
static gboolean
append_attributes (Walk       *walk,
                   const char *element)
{
  gboolean has_link = FALSE;

  /* Most elements of a body have no attributes at all. */
  if (walk->tag.n_values == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (attribute_rules); i++)
    {
      const AttributeRule *rule = &attribute_rules[i];
      const char *value;
      g_autofree char *clean = NULL;

      if (rule->element != NULL &&
          (rule->element[0] != element[0] || strcmp (rule->element, element) != 0))
        continue;

      value = tag_get (walk, rule->name);
      if (value == NULL)
        continue;

      clean = sanitize_attribute (walk, rule->kind, value);
      if (clean == NULL)
        continue;

      append_attribute (walk->html, rule->name, rule->kind == ATTR_BOOLEAN ? NULL : clean);

      if (rule->kind == ATTR_LINK)
        has_link = TRUE;
    }

  return has_link;
}

/* Elements with rules of their own */

static gboolean
is_tracking_pixel (const char *width,
                   const char *height)
{
  g_autofree char *w = NULL;
  g_autofree char *h = NULL;

  if (width == NULL || height == NULL)
    return FALSE;

  w = sanitize_number (width, FALSE, FALSE);
  h = sanitize_number (height, FALSE, FALSE);

  return w != NULL && h != NULL && atoi (w) <= 1 && atoi (h) <= 1;
}

static void
emit_image (Walk *walk)
{
  const char *src = tag_get (walk, "src");
  const char *srcset = tag_get (walk, "srcset");
  const char *width = tag_get (walk, "width");
  const char *height = tag_get (walk, "height");
  g_autofree char *src_url = NULL;
  g_autofree char *clean_srcset = NULL;
  g_autoptr(GPtrArray) srcset_urls = g_ptr_array_new_with_free_func (g_free);
  gboolean inline_data = FALSE;

  if (is_tracking_pixel (width, height))
    return;

  if (src != NULL)
    {
      g_autofree char *clean = clean_url (src);

      if (clean != NULL && is_safe_data_image (clean))
        {
          src_url = g_steal_pointer (&clean);
          inline_data = TRUE;
        }
      else
        {
          src_url = sanitize_url (walk->base_url, src, URL_IMAGE);
        }
    }

  /* A tracker in the main source marks the whole image as a tracker. */
  if (src_url != NULL && !inline_data && is_tracker_url (src_url))
    return;

  if (srcset != NULL)
    clean_srcset = sanitize_srcset (walk, srcset, srcset_urls);

  if (src_url == NULL && clean_srcset == NULL)
    return;

  g_string_append (walk->html, "<img");

  if (src_url != NULL && inline_data)
    {
      append_attribute (walk->html, "src", src_url);
    }
  else if (src_url != NULL)
    {
      /* The escaped URL holds nothing HTML needs to escape. */
      g_string_append (walk->html, " src=\"" STORY_IMAGE_URI_PREFIX);
      g_string_append_uri_escaped (walk->html, src_url, NULL, FALSE);
      g_string_append_c (walk->html, '"');
      register_image (walk, src_url);
    }

  if (clean_srcset != NULL)
    {
      append_attribute (walk->html, "srcset", clean_srcset);

      for (guint i = 0; i < srcset_urls->len; i++)
        register_image (walk, g_ptr_array_index (srcset_urls, i));
    }

  append_attributes (walk, "img");
  append_attribute (walk->html, "loading", "lazy");
  g_string_append_c (walk->html, '>');
}

static char *
sanitize_frame_url (const char *base_url,
                    const char *value)
{
  g_autofree char *absolute = story_resolve_url (base_url, value);
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *path;
  const char *query;
  const char *fragment;
  int port;

  if (absolute == NULL)
    return NULL;

  uri = g_uri_parse (absolute, URI_FLAGS, NULL);
  if (uri == NULL || !is_http_scheme (g_uri_get_scheme (uri)))
    return NULL;

  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  query = g_uri_get_query (uri);
  fragment = g_uri_get_fragment (uri);
  port = g_uri_get_port (uri);

  if (host == NULL || (port != -1 && port != 80 && port != 443))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (frame_hosts); i++)
    {
      const FrameRule *rule = &frame_hosts[i];

      if (g_ascii_strcasecmp (host, rule->host) != 0 ||
          !g_str_has_prefix (path, rule->path_prefix))
        continue;

      return g_strconcat ("https://", rule->serve_host, path,
                          query != NULL ? "?" : "", query != NULL ? query : "",
                          fragment != NULL ? "#" : "", fragment != NULL ? fragment : "",
                          NULL);
    }

  return NULL;
}

static void
emit_frame (Walk *walk)
{
  const char *src = tag_get (walk, "src");
  const char *width = tag_get (walk, "width");
  const char *height = tag_get (walk, "height");
  g_autofree char *frame_url = NULL;

  if (src == NULL)
    return;

  frame_url = sanitize_frame_url (walk->base_url, src);
  if (frame_url == NULL)
    return;

  g_string_append (walk->html, "<iframe");
  append_attribute (walk->html, "src", frame_url);

  if (width != NULL)
    {
      g_autofree char *clean = sanitize_number (width, FALSE, TRUE);

      if (clean != NULL)
        append_attribute (walk->html, "width", clean);
    }

  if (height != NULL)
    {
      g_autofree char *clean = sanitize_number (height, FALSE, TRUE);

      if (clean != NULL)
        append_attribute (walk->html, "height", clean);
    }

  append_attribute (walk->html, "sandbox", FRAME_SANDBOX);
  append_attribute (walk->html, "allowfullscreen", NULL);
  append_attribute (walk->html, "referrerpolicy", FRAME_REFERRER);
  append_attribute (walk->html, "loading", "lazy");
  g_string_append (walk->html, "></iframe>");
}

static void
emit_start_tag (Walk              *walk,
                const ElementRule *rule)
{
  gboolean has_link;

  g_string_append_c (walk->html, '<');
  g_string_append (walk->html, rule->name);

  has_link = append_attributes (walk, rule->name);

  if (has_link)
    append_attribute (walk->html, "rel", LINK_REL);

  /* Media wait for the reader: controls on, nothing fetched up front. */
  if ((rule->name[0] == 'a' || rule->name[0] == 'v') &&
      (strcmp (rule->name, "audio") == 0 || strcmp (rule->name, "video") == 0))
    {
      append_attribute (walk->html, "controls", NULL);
      append_attribute (walk->html, "preload", "none");
    }

  g_string_append_c (walk->html, '>');
}

/* Reading the markup
 *
 * One forward pass over the body, with the states of the HTML tokenizer
 * that matter for a fragment (data, tags and their attributes, comments,
 * markup declarations, raw text) and an explicit stack of the elements
 * written so far instead of a tree. The output is rebuilt from what the
 * pass recognises, so a construct it reads differently from a browser can
 * only cost content, never bring markup through: text is always escaped,
 * and only the allowed elements and attributes are written, each start tag
 * with its end tag. */

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Appends @length bytes of @text to @out with the character references
 * decoded. */
static void
append_decoded (GString    *out,
                const char *text,
                gsize       length)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      gunichar c;
      gsize span;

      if (amp == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }

      g_string_append_len (out, p, amp - p);

      span = decode_reference (amp, TRUE, &c);
      if (span > 0 && span <= (gsize) (end - amp))
        {
          g_string_append_unichar (out, c);
          p = amp + span;
        }
      else
        {
          g_string_append_c (out, '&');
          p = amp + 1;
        }
    }
}

static void
emit_text (Walk       *walk,
           const char *text,
           gsize       length)
{
  if (length == 0 || walk->skip != NULL)
    return;

  if (memchr (text, '&', length) != NULL)
    {
      g_string_truncate (walk->decoded, 0);
      append_decoded (walk->decoded, text, length);
      text = walk->decoded->str;
      length = walk->decoded->len;
    }

  if (walk->html != NULL)
    append_escaped_len (walk->html, text, length, FALSE);

  append_text (walk, text, length);
}

static gboolean
is_named (const ElementRule *rule,
          const char        *name)
{
  return strcmp (rule->name, name) == 0;
}

static gboolean
is_named_any (const ElementRule  *rule,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (rule->name, names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Closes the open elements from the innermost down to index @i. */
static void
close_to (Walk  *walk,
          guint  i)
{
  while (walk->n_open > i)
    {
      const ElementRule *rule = walk->open[--walk->n_open];

      if (walk->html != NULL)
        {
          g_string_append_len (walk->html, "</", 2);
          g_string_append (walk->html, rule->name);
          g_string_append_c (walk->html, '>');
        }

      if ((rule->flags & ELEMENT_NO_TEXT) != 0)
        walk->no_text--;

      if ((rule->flags & ELEMENT_BLOCK) != 0)
        walk->text_break = TRUE;
    }
}

static gboolean
find_open (Walk              *walk,
           const ElementRule *rule,
           guint             *i)
{
  for (guint j = walk->n_open; j-- > 0;)
    {
      if (walk->open[j] == rule)
        {
          *i = j;
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether an open @rule keeps a list item inside it from being closed by
 * the next one: the "special" elements of HTML, except these three. */
static gboolean
is_list_item_scope (const ElementRule *rule)
{
  static const char * const names[] = { "address", "div", "p", "audio", "video", NULL };

  return (rule->flags & ELEMENT_BLOCK) != 0 && !is_named_any (rule, names);
}

/* Closes the innermost open element named in @targets, unless one named in
 * @stops, or one @stop_at says so of, comes first. */
static void
close_innermost (Walk               *walk,
                 const char * const *targets,
                 const char * const *stops,
                 gboolean          (*stop_at) (const ElementRule *rule))
{
  for (guint j = walk->n_open; j-- > 0;)
    {
      const ElementRule *open = walk->open[j];

      if (is_named_any (open, targets))
        {
          close_to (walk, j);
          return;
        }

      if ((stops != NULL && is_named_any (open, stops)) || (stop_at != NULL && stop_at (open)))
        return;
    }
}

/* The end tags HTML leaves out: a new paragraph, list item, table row or
 * cell closes the one before, and so on. */
static void
close_implied (Walk              *walk,
               const ElementRule *rule)
{
  static const char * const paragraph[] = { "p", NULL };
  static const char * const paragraph_scope[] = { "table", "td", "th", "caption", NULL };
  static const char * const list_item[] = { "li", NULL };
  static const char * const definition[] = { "dd", "dt", NULL };
  static const char * const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };
  static const char * const row[] = { "tr", NULL };
  static const char * const cells[] = { "td", "th", NULL };
  static const char * const sections[] = { "tbody", "thead", "tfoot", NULL };
  static const char * const table[] = { "table", NULL };
  static const char * const row_scope[] = { "table", "tbody", "thead", "tfoot", NULL };
  static const char * const cell_scope[] = { "tr", "table", "tbody", "thead", "tfoot", NULL };
  static const char * const link[] = { "a", NULL };

  if ((rule->flags & ELEMENT_CLOSES_P) != 0)
    close_innermost (walk, paragraph, paragraph_scope, NULL);

  /* Only these names need more. */
  if (strchr ("adhlt", rule->name[0]) == NULL)
    return;

  if (is_named (rule, "li"))
    close_innermost (walk, list_item, NULL, is_list_item_scope);
  else if (is_named_any (rule, definition))
    close_innermost (walk, definition, NULL, is_list_item_scope);
  else if (is_named_any (rule, headings))
    {
      if (walk->n_open > 0 && is_named_any (walk->open[walk->n_open - 1], headings))
        close_to (walk, walk->n_open - 1);
    }
  else if (is_named (rule, "tr"))
    close_innermost (walk, row, row_scope, NULL);
  else if (is_named_any (rule, cells))
    close_innermost (walk, cells, cell_scope, NULL);
  else if (is_named_any (rule, sections))
    close_innermost (walk, sections, table, NULL);
  else if (is_named (rule, "a"))
    close_innermost (walk, link, paragraph_scope, NULL);
}

/* SVG and MathML honour "/>"; HTML elements ignore it. */
static gboolean
is_foreign (const ElementRule *rule)
{
  return is_named (rule, "svg") || is_named (rule, "math");
}

static void
open_element (Walk              *walk,
              const ElementRule *rule)
{
  switch (rule->action)
    {
    case ACTION_DROP:
      /* Void elements have nothing to skip, raw text is skipped by the
       * caller, and a <head> inside a body is ignored, as browsers do. */
      if ((rule->flags & (ELEMENT_VOID | ELEMENT_RAW_TEXT)) != 0 ||
          (walk->tag.self_closing && is_foreign (rule)) ||
          is_named (rule, "head"))
        return;

      walk->skip = rule;
      walk->skip_nesting = 1;
      return;

    case ACTION_UNWRAP:
      if ((rule->flags & ELEMENT_CLOSES_P) != 0)
        close_implied (walk, rule);
      if ((rule->flags & ELEMENT_BLOCK) != 0)
        walk->text_break = TRUE;
      return;

    case ACTION_KEEP:
    default:
      break;
    }

  close_implied (walk, rule);

  if ((rule->flags & ELEMENT_BLOCK) != 0)
    walk->text_break = TRUE;

  /* <iframe> is the only raw text element kept. */
  if ((rule->flags & (ELEMENT_VOID | ELEMENT_RAW_TEXT)) != 0)
    {
      if (walk->html != NULL)
        {
          if (is_named (rule, "img"))
            emit_image (walk);
          else if ((rule->flags & ELEMENT_RAW_TEXT) != 0)
            /* Frame content is fallback for browsers without frames. */
            emit_frame (walk);
          else
            emit_start_tag (walk, rule);
        }

      if ((rule->flags & ELEMENT_BLOCK) != 0)
        walk->text_break = TRUE;
      return;
    }

  /* Deeper elements give way to their content. */
  if (walk->n_open == MAX_DEPTH)
    return;

  if (walk->html != NULL)
    emit_start_tag (walk, rule);

  walk->open[walk->n_open++] = rule;

  if ((rule->flags & ELEMENT_NO_TEXT) != 0)
    walk->no_text++;
}

static void
close_element (Walk              *walk,
               const ElementRule *rule)
{
  guint i;

  if (walk->skip != NULL)
    {
      if (rule == walk->skip)
        {
          if (--walk->skip_nesting == 0)
            walk->skip = NULL;
          return;
        }

      /* An end tag that closes an element open around the dropped one
       * ends it as well. */
      if (rule->action != ACTION_KEEP || !find_open (walk, rule, &i))
        return;

      walk->skip = NULL;
    }

  if (rule->action == ACTION_UNWRAP && (rule->flags & ELEMENT_BLOCK) != 0)
    walk->text_break = TRUE;

  /* A stray end tag is ignored. */
  if (rule->action == ACTION_KEEP && find_open (walk, rule, &i))
    close_to (walk, i);
}

/* Keeps the value of an attribute a rule reads, decoded, unless the tag
 * had one of that name before. */
static void
keep_value (Tag        *tag,
            const char *name,
            gsize       name_length,
            const char *value,
            gsize       value_length)
{
  char lower[MAX_ATTRIBUTE_NAME + 1];
  int i;

  if (name_length > MAX_ATTRIBUTE_NAME)
    return;

  for (gsize j = 0; j < name_length; j++)
    lower[j] = g_ascii_tolower (name[j]);
  lower[name_length] = '\0';

  i = lookup_attribute (lower);
  if (i < 0 || tag->value_at[i] >= 0)
    return;

  tag->value_at[i] = tag->values->len;
  tag->kept[tag->n_values++] = i;
  append_decoded (tag->values, value, value_length);
  g_string_append_c (tag->values, '\0');
}

/* Reads a tag from @p, just after "<" or "</", where a letter is, into
 * walk->tag. Returns the position after its '>', or NULL when the input
 * ends first: browsers drop such a tag. */
static const char *
read_tag (Walk       *walk,
          const char *p,
          const char *end,
          gboolean    is_end_tag)
{
  Tag *tag = &walk->tag;
  const char *name = p;
  gboolean keep_values;

  while (p < end && !is_html_space (*p) && *p != '/' && *p != '>')
    p++;

  tag->rule = NULL;
  if ((gsize) (p - name) < ELEMENT_NAME_SIZE)
    {
      char lower[ELEMENT_NAME_SIZE];

      for (gsize i = 0; i < (gsize) (p - name); i++)
        lower[i] = g_ascii_tolower (name[i]);
      lower[p - name] = '\0';
      tag->rule = lookup_element (lower);
    }

  tag->self_closing = FALSE;
  if (tag->n_values > 0)
    {
      memset (tag->value_at, 0xff, sizeof tag->value_at);
      tag->n_values = 0;
      g_string_truncate (tag->values, 0);
    }

  /* Only the attributes of elements that are written out are read. */
  keep_values = !is_end_tag && walk->html != NULL && walk->skip == NULL &&
                tag->rule != NULL && tag->rule->action == ACTION_KEEP;

  for (;;)
    {
      const char *attribute;
      gsize attribute_length;
      const char *value = "";
      gsize value_length = 0;

      while (p < end && is_html_space (*p))
        p++;

      if (p == end)
        return NULL;

      if (*p == '>')
        return p + 1;

      if (*p == '/')
        {
          p++;
          if (p < end && *p == '>')
            {
              tag->self_closing = TRUE;
              return p + 1;
            }
          continue;
        }

      /* A name may start with '=', and holds anything up to a space, '/',
       * '>' or '='. */
      attribute = p++;
      while (p < end && !is_html_space (*p) && *p != '/' && *p != '>' && *p != '=')
        p++;
      attribute_length = p - attribute;

      while (p < end && is_html_space (*p))
        p++;

      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_html_space (*p))
            p++;

          if (p == end)
            return NULL;

          if (*p == '"' || *p == '\'')
            {
              const char *close = memchr (p + 1, *p, end - (p + 1));

              if (close == NULL)
                return NULL;

              value = p + 1;
              value_length = close - value;
              p = close + 1;
            }
          else if (*p != '>')
            {
              value = p;
              while (p < end && !is_html_space (*p) && *p != '>')
                p++;
              value_length = p - value;
            }
        }

      if (keep_values)
        keep_value (tag, attribute, attribute_length, value, value_length);
    }
}

/* Skips the content of a raw text element (a script, a style...) up to its
 * end tag, which is "</" and its name, in any case, followed by a space,
 * '/' or '>'. Returns the position after that end tag. */
static const char *
skip_raw_text (Walk              *walk,
               const ElementRule *rule,
               const char        *p,
               const char        *end)
{
  gsize length = strlen (rule->name);

  if (is_named (rule, "plaintext"))
    return end;

  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      if ((gsize) (end - p) > length + 2 && p[1] == '/' &&
          g_ascii_strncasecmp (p + 2, rule->name, length) == 0 &&
          (is_html_space (p[2 + length]) || p[2 + length] == '/' || p[2 + length] == '>'))
        {
          p = read_tag (walk, p + 2, end, TRUE);

          return p != NULL ? p : end;
        }

      p++;
    }

  return end;
}

/* "<!--" has been read: a comment ends at "-->" or "--!>", or at once with
 * "<!-->" and "<!--->". */
static const char *
skip_comment (const char *p,
              const char *end)
{
  if (p < end && *p == '>')
    return p + 1;

  if (end - p >= 2 && p[0] == '-' && p[1] == '>')
    return p + 2;

  for (; (p = memchr (p, '-', end - p)) != NULL; p++)
    {
      if (end - p >= 3 && p[1] == '-' && p[2] == '>')
        return p + 3;

      if (end - p >= 4 && p[1] == '-' && p[2] == '!' && p[3] == '>')
        return p + 4;
    }

  return end;
}

/* Doctypes, "<![CDATA[", "<?" and other declarations end at the next '>'. */
static const char *
skip_bogus_comment (const char *p,
                    const char *end)
{
  const char *close = memchr (p, '>', end - p);

  return close != NULL ? close + 1 : end;
}

static void
walk_markup (Walk       *walk,
             const char *p,
             const char *end)
{
  while (p < end)
    {
      const char *text = p;
      const char *open;

      /* Text runs up to the next '<' that starts a tag, an end tag, a
       * comment or a declaration; any other '<' is text. */
      for (;;)
        {
          open = memchr (p, '<', end - p);
          if (open == NULL || open + 1 == end ||
              g_ascii_isalpha (open[1]) || open[1] == '/' || open[1] == '!' || open[1] == '?')
            break;
          p = open + 1;
        }

      if (open == NULL || open + 1 == end)
        {
          emit_text (walk, text, end - text);
          return;
        }

      emit_text (walk, text, open - text);
      p = open + 1;

      if (g_ascii_isalpha (*p))
        {
          const ElementRule *rule;

          p = read_tag (walk, p, end, FALSE);
          if (p == NULL)
            return;

          rule = walk->tag.rule;

          /* An unknown element gives way to its content. */
          if (rule == NULL)
            continue;

          if (walk->skip == NULL)
            open_element (walk, rule);
          else if (rule == walk->skip && !(walk->tag.self_closing && is_foreign (rule)))
            walk->skip_nesting++;

          if ((rule->flags & ELEMENT_RAW_TEXT) != 0)
            p = skip_raw_text (walk, rule, p, end);
        }
      else if (*p == '/')
        {
          p++;

          if (p == end)
            emit_text (walk, "</", 2);
          else if (g_ascii_isalpha (*p))
            {
              p = read_tag (walk, p, end, TRUE);
              if (p == NULL)
                return;

              if (walk->tag.rule != NULL)
                close_element (walk, walk->tag.rule);
            }
          else if (*p == '>')
            p++;
          else
            p = skip_bogus_comment (p, end);
        }
      else if (*p == '!' && end - p >= 3 && p[1] == '-' && p[2] == '-')
        p = skip_comment (p + 3, end);
      else
        p = skip_bogus_comment (p, end);
    }
}

static void
walk_html (Walk       *walk,
           const char *html)
{
  g_autofree char *copy = NULL;
  gsize length;

  if (html == NULL || *html == '\0')
    return;

  index_element_rules ();

  length = strlen (html);
  if (length > MAX_INPUT_LENGTH)
    {
      g_debug ("Cutting an article body of %" G_GSIZE_FORMAT " bytes", length);
      length = MAX_INPUT_LENGTH;
      copy = g_strndup (html, length);
      html = copy;
    }

  if (!story_utf8_validate (html, length))
    {
      char *valid = g_utf8_make_valid (html, length);

      g_free (copy);
      copy = valid;
      html = copy;
      length = strlen (copy);
    }

  walk->decoded = g_string_new (NULL);
  walk->tag.values = g_string_new (NULL);
  memset (walk->tag.value_at, 0xff, sizeof walk->tag.value_at);

  walk_markup (walk, html, html + length);

  /* Whatever is still open is closed: the output is always balanced. */
  close_to (walk, 0);

  g_string_free (walk->decoded, TRUE);
  g_string_free (walk->tag.values, TRUE);
}

/**
 * story_sanitize_html:
 * @html: (nullable): an article body from the network
 * @base_url: (nullable): the URL relative references are resolved against
 *
 * Rebuilds @html from the allowed elements and attributes only, with
 * absolute URLs, without tracking, and with image sources pointing at
 * %STORY_IMAGE_URI_PREFIX. A resource: @base_url additionally allows
 * images from the same scheme; only pass one for bundled content.
 *
 * Returns: (transfer full): the sanitized body; no field is %NULL
 */
StorySanitized *
story_sanitize_html (const char *html,
                     const char *base_url)
{
  StorySanitized *sanitized;
  Walk walk = { 0 };

  walk.base_url = base_url;
  walk.html = g_string_new (NULL);
  walk.text = g_string_new (NULL);
  walk.images = g_ptr_array_new_with_free_func (g_free);
  walk.seen_images = g_hash_table_new (g_str_hash, g_str_equal);

  walk_html (&walk, html);

  sanitized = g_new0 (StorySanitized, 1);
  sanitized->html = g_string_free (walk.html, FALSE);
  sanitized->text = g_string_free (walk.text, FALSE);
  sanitized->images = walk.images;
  g_hash_table_unref (walk.seen_images);

  return sanitized;
}

void
story_sanitized_free (StorySanitized *sanitized)
{
  if (sanitized == NULL)
    return;

  g_free (sanitized->html);
  g_free (sanitized->text);
  g_clear_pointer (&sanitized->images, g_ptr_array_unref);
  g_free (sanitized);
}

/**
 * story_html_to_text:
 * @html: (nullable): HTML, for instance a summary
 *
 * Returns: (transfer full): the visible text of @html, whitespace runs
 *   collapsed to one space and trimmed; never %NULL
 */
char *
story_html_to_text (const char *html)
{
  Walk walk = { 0 };

  walk.text = g_string_new (NULL);
  walk_html (&walk, html);

  return g_string_free (walk.text, FALSE);
}

/* Numeric references follow the HTML rules: what Unicode cannot hold
 * becomes U+FFFD, and 0x80-0x9F name the windows-1252 characters that
 * feeds mean by them. */
static gunichar
fix_code_point (guint32  value,
                gboolean in_markup)
{
  static const gunichar windows_1252[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
  };

  if (value >= 0x80 && value <= 0x9f)
    value = windows_1252[value - 0x80];

  if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
    return 0xfffd;

  /* Control characters in a title only garble it. In markup they stay
   * what they are for a browser: the text and URL rules deal with them
   * ("&#14;javascript:" is a javascript: URL with a control character to
   * trim in front). */
  if (!in_markup &&
      ((value < 0x20 && value != '\t' && value != '\n' && value != '\r') ||
       (value >= 0x7f && value <= 0x9f)))
    return 0xfffd;

  return value;
}

/* libxml2 knows the references of HTML 4. These later ones stand for the
 * characters that spell a URL scheme or a script, as in
 * "java&Tab;script&colon;". */
static const struct
{
  const char *name;
  gunichar    value;
} html5_references[] = {
  { "Tab", '\t' }, { "NewLine", '\n' }, { "excl", '!' }, { "num", '#' }, { "dollar", '$' },
  { "percnt", '%' }, { "lpar", '(' }, { "rpar", ')' }, { "ast", '*' }, { "plus", '+' },
  { "comma", ',' }, { "period", '.' }, { "sol", '/' }, { "colon", ':' }, { "semi", ';' },
  { "equals", '=' }, { "quest", '?' }, { "commat", '@' }, { "lsqb", '[' }, { "lbrack", '[' },
  { "bsol", '\\' }, { "rsqb", ']' }, { "rbrack", ']' }, { "Hat", '^' }, { "lowbar", '_' },
  { "grave", '`' }, { "lcub", '{' }, { "lbrace", '{' }, { "verbar", '|' }, { "vert", '|' },
  { "rcub", '}' }, { "rbrace", '}' },
};

/* Decodes the reference at @p (which points at '&'), in markup or in plain
 * text such as a title. Returns the number of bytes it spans, or 0 when it
 * is not a reference. */
static gsize
decode_reference (const char *p,
                  gboolean    in_markup,
                  gunichar   *out)
{
  gsize i = 1;

  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      guint32 value = 0;
      gsize digits = 0;

      i = hex ? 3 : 2;

      while (hex ? g_ascii_isxdigit (p[i]) : g_ascii_isdigit (p[i]))
        {
          /* Stop accumulating once out of range; the value stays invalid. */
          if (value <= 0x10ffff)
            value = value * (hex ? 16 : 10) +
                    (hex ? g_ascii_xdigit_value (p[i]) : g_ascii_digit_value (p[i]));
          i++;
          digits++;
        }

      if (digits == 0)
        return 0;

      if (p[i] == ';')
        i++;

      *out = fix_code_point (value, in_markup);
      return i;
    }
  else
    {
      char name[33];
      const htmlEntityDesc *entity;

      while (g_ascii_isalnum (p[i]) && i < sizeof name)
        i++;

      if (i == 1 || p[i] != ';')
        return 0;

      memcpy (name, p + 1, i - 1);
      name[i - 1] = '\0';

      entity = htmlEntityLookup ((const xmlChar *) name);
      if (entity != NULL)
        {
          *out = entity->value;
          return i + 1;
        }

      for (guint j = 0; j < G_N_ELEMENTS (html5_references); j++)
        {
          if (strcmp (name, html5_references[j].name) == 0)
            {
              *out = html5_references[j].value;
              return i + 1;
            }
        }

      return 0;
    }
}

/**
 * story_html_decode_entities:
 * @text: (nullable): plain text that may contain character references,
 *   such as a feed title
 *
 * Decodes named and numeric character references. Tags are not
 * interpreted: "<b>" stays as it is. Invalid UTF-8 becomes U+FFFD.
 *
 * Returns: (transfer full): the decoded text; never %NULL
 */
char *
story_html_decode_entities (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0';)
    {
      gunichar c;
      gsize length;

      if (*p == '&' && (length = decode_reference (p, FALSE, &c)) > 0)
        {
          g_string_append_unichar (out, c);
          p += length;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * story_image_uri_for_url:
 * @url: an absolute image URL
 *
 * Returns: (transfer full): the URI under which the reading pane serves
 *   the image at @url
 */
char *
story_image_uri_for_url (const char *url)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  escaped = g_uri_escape_string (url, NULL, FALSE);

  return g_strconcat (STORY_IMAGE_URI_PREFIX, escaped, NULL);
}

/**
 * story_image_url_from_uri:
 * @uri: a URI made by story_image_uri_for_url()
 *
 * Returns: (transfer full) (nullable): the image URL @uri stands for, or
 *   %NULL if @uri is not an image URI
 */
char *
story_image_url_from_uri (const char *uri)
{
  const char *escaped;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!g_str_has_prefix (uri, STORY_IMAGE_URI_PREFIX))
    return NULL;

  escaped = uri + strlen (STORY_IMAGE_URI_PREFIX);
  if (*escaped == '\0')
    return NULL;

  return g_uri_unescape_string (escaped, NULL);
}
