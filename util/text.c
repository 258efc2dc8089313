/* text.c - cleaning text from files and servers: valid UTF-8, nothing a
 * terminal would take as a command. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* Decodes one UTF-8 character at s (n > 0 bytes). Returns its length and
 * sets *cp, or 0 when the bytes there are not valid UTF-8. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
    if (len == 0 || s[0] > 0xf4 || len > n)
        return 0;
    uint32_t c = s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* What becomes of code point c: 0 kept, 1 replaced, 2 a space. */
static int verdict(uint32_t c, int flags)
{
    if (c == '\n' || c == '\t' || c == '\r')
        return (flags & TEXT_MULTILINE) && c != '\r' ? 0 : 2;
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        return 1;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        return 1;
    return 0;
}

int text_needs_clean(const char *s, size_t n, int flags)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] >= 0x20 && u[i] < 0x7f) { /* the common case */
            i++;
            continue;
        }
        uint32_t c;
        size_t k = decode(u + i, n - i, &c);
        if (k == 0 || verdict(c, flags))
            return 1;
        i += k;
    }
    return 0;
}

/* Cleans s into out (room for 3n + 1 bytes unless `room` is smaller, then
 * cut on a character boundary). Returns the bytes written before the
 * NUL. */
static size_t clean_into(char *out, size_t room, const char *s, size_t n,
                         int flags)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = decode(u + i, n - i, &c);
        const char *put = s + i;
        size_t plen = len;
        int v = len ? verdict(c, flags) : 1;
        if (v == 1) {
            put = REPLACEMENT;
            plen = 3;
        } else if (v == 2) {
            put = " ";
            plen = 1;
        }
        if (k + plen + 1 > room)
            break;
        memcpy(out + k, put, plen);
        k += plen;
        i += len ? len : 1; /* an invalid byte is replaced alone */
    }
    out[k] = '\0';
    return k;
}

char *text_clean(const char *s, size_t n, int flags)
{
    if (n > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = malloc(3 * n + 1);
    if (!out)
        return NULL;
    size_t k = clean_into(out, 3 * n + 1, s, n, flags);
    char *fit = realloc(out, k + 1);
    return fit ? fit : out;
}

char *text_clean_buf(char *buf, size_t bn, const char *s, size_t n, int flags)
{
    if (bn == 0)
        return buf;
    clean_into(buf, bn, s, n, flags);
    return buf;
}
