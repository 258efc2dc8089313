/* screen.c - ncurses set-up and teardown, colour depth and themes, the
 * signal self-pipe that wakes the event loop, and the copy of a canvas to the
 * terminal (only cells that changed). */
#include "screen.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* What a signal that ends the program must put back, prepared while the
 * terminal is taken over so the handler only calls write() and
 * tcsetattr(), which are async-signal-safe. */
static struct termios saved_tio; /* the terminal's modes before ncurses */
static int tty_fd = -1;          /* where they were read, -1: none */
static char reset_seq[512];      /* mouse off, attributes, cursor, keypad,
                                    alternate screen off */
static size_t reset_len;
static struct sigaction old_fatal[NSIG];
static char fatal_hooked[NSIG];
static void *alt_stack;

static volatile sig_atomic_t quit_flag;
static volatile sig_atomic_t hup_flag;
static volatile sig_atomic_t last_signal;
static int wake_pipe[2] = {-1, -1};
static struct sigaction old_winch;
static struct sigaction old_int, old_term, old_hup;
static int is_open;
static int mouse_on;
static SCREEN *term;

int screen_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/* Puts the terminal back as it was, with async-signal-safe calls only:
 * the prepared reset sequences, then the saved modes. */
static void restore_tty_now(void)
{
    if (tty_fd < 0)
        return;
    for (size_t off = 0; off < reset_len;) {
        ssize_t w = write(tty_fd, reset_seq + off, reset_len - off);
        if (w <= 0 && errno != EINTR)
            break;
        if (w > 0)
            off += (size_t)w;
    }
    tcsetattr(tty_fd, TCSANOW, &saved_tio);
}

/* A signal that ends the program (Ctrl-\, SIGUSR1, a crash...): the
 * terminal is restored, then whatever would have happened without us
 * happens: the previous handler runs (a sanitizer's report), or the
 * default action, re-raised so the exit status and core dump stay right. */
static void on_fatal(int sig, siginfo_t *si, void *uc)
{
    int saved = errno;
    restore_tty_now();
    tty_fd = -1; /* once */
    struct sigaction *old = &old_fatal[sig];
    if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
        sigaction(sig, old, NULL);
        old->sa_sigaction(sig, si, uc);
    } else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN &&
               old->sa_handler) {
        sigaction(sig, old, NULL);
        old->sa_handler(sig);
    } else {
        signal(sig, SIG_DFL);
        raise(sig); /* delivered when this handler returns */
    }
    errno = saved;
}

/* Signal handler: remember, wake the loop; ncurses' own SIGWINCH handler
 * still runs so it can report KEY_RESIZE. Never calls curses. A second
 * quit signal before the loop could act on the first ends the program at
 * once, as a fatal one does. */
static void on_signal(int sig)
{
    int saved = errno;
    if (sig != SIGWINCH && quit_flag) {
        restore_tty_now();
        signal(sig, SIG_DFL);
        raise(sig);
        errno = saved;
        return;
    }
    last_signal = sig;
    if (sig == SIGWINCH) {
        if (old_winch.sa_handler != SIG_DFL &&
            old_winch.sa_handler != SIG_IGN && old_winch.sa_handler != NULL)
            old_winch.sa_handler(sig);
    } else if (sig == SIGHUP) {
        hup_flag = 1; /* the loop tells a lost terminal from a reload */
    } else {
        quit_flag = 1;
    }
    if (wake_pipe[1] >= 0) {
        char b = (char)sig;
        ssize_t r = write(wake_pipe[1], &b, 1);
        (void)r;
    }
    errno = saved;
}

int screen_input_gone(void)
{
    struct pollfd pf = {STDIN_FILENO, POLLIN, 0};
    if (poll(&pf, 1, 0) < 0)
        return errno != EINTR && errno != EAGAIN;
    return (pf.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int screen_quit_requested(void)
{
    return quit_flag;
}

int screen_hangup(void)
{
    if (!hup_flag)
        return 0;
    hup_flag = 0;
    if (screen_input_gone() || (tty_fd >= 0 && !isatty(tty_fd))) {
        quit_flag = 1; /* the terminal went away: as before, the end */
        return 2;
    }
    return 1;
}

int screen_drain_wake(Screen *s)
{
    char buf[64];
    (void)s;
    while (wake_pipe[0] >= 0 && read(wake_pipe[0], buf, sizeof buf) > 0)
        ;
    int sig = last_signal;
    last_signal = 0;
    return sig;
}

/* Maps a theme colour to what the terminal has: RGB, 256 colours, 8/16
 * (bright ones become bold on an 8-colour terminal), or default (-1). */
static int pick_color(int c8, int c256, unsigned rgb, int depth, int *bold)
{
    if (depth >= THEME_DEPTH_RGB && (rgb != THEME_NORGB || c256 >= 0)) {
        int v = (int)(rgb != THEME_NORGB ? rgb : theme_xterm_rgb(c256));
        return v < 8 ? 8 : v; /* 0-7 select the terminal's ANSI colours */
    }
    if (depth >= 256 && c256 >= 0)
        return c256;
    if (c8 < 0)
        return -1;
    if (c8 >= 8 && depth < 16) {
        *bold = 1;
        return c8 - 8;
    }
    return c8;
}

static attr_t to_attr(int ta)
{
    attr_t a = A_NORMAL;
    if (ta & TA_BOLD)
        a |= A_BOLD;
    if (ta & TA_REVERSE)
        a |= A_REVERSE;
    if (ta & TA_UNDERLINE)
        a |= A_UNDERLINE;
    if (ta & TA_DIM)
        a |= A_DIM;
    return a;
}

/* Attributes of each role, computed once the colour depth is known: the
 * curses form (colour pair included) and the TA_* bits alone. */
static attr_t role_attr[ROLE_COUNT];
static int role_ta[ROLE_COUNT];

static int env_truecolor(void)
{
    const char *ct = getenv("COLORTERM");
    return ct && (!strcmp(ct, "truecolor") || !strcmp(ct, "24bit"));
}

/* 1 when terminfo entry `name` exists and has direct (24-bit) colour. */
static int term_is_direct(const char *name)
{
    TERMINAL *saved = cur_term;
    int e = 0, direct = 0;
    if (setupterm((char *)name, STDOUT_FILENO, &e) == OK) {
        direct = tigetnum("colors") >= THEME_DEPTH_RGB;
        del_curterm(cur_term);
    }
    set_curterm(saved);
    return direct;
}

/* The terminal type to drive. ncurses emits 24-bit colour only through a
 * terminfo entry with direct colour (xterm-direct, tmux-direct...). When
 * COLORTERM says the terminal takes 24-bit colour but TERM names an entry
 * without it, the -direct entry of the same family is used if installed;
 * otherwise TERM as it is (NULL). The result points into buf. */
static const char *pick_term(const char *t, char *buf, size_t n)
{
    if (!env_truecolor() || term_is_direct(t))
        return NULL;
    size_t fam = strcspn(t, "-");
    if (fam == 0 || fam + sizeof "-direct" > n)
        return NULL;
    snprintf(buf, n, "%.*s-direct", (int)fam, t);
    return term_is_direct(buf) ? buf : NULL;
}

/* Every role's attributes and colour pair from the theme, at the depth
 * setup_colors found. */
static void setup_roles(Screen *s)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        const RoleStyle *st = &s->theme->roles[r];
        role_ta[r] = s->colors ? st->attrs : st->mono_attrs;
        if (!s->colors) {
            role_attr[r] = to_attr(st->mono_attrs);
            continue;
        }
        int bold = 0, bg_bold = 0; /* bold stands for a bright fg only */
        int fg = pick_color(st->fg8, st->fg256, st->rgb_fg, s->colors, &bold);
        int bg =
            pick_color(st->bg8, st->bg256, st->rgb_bg, s->colors, &bg_bold);
        if (fg < 0 && bg < 0) {
            role_attr[r] = to_attr(st->attrs);
            continue;
        }
        init_extended_pair(r + 1, fg, bg);
        if (bold)
            role_ta[r] |= TA_BOLD;
        role_attr[r] = COLOR_PAIR(r + 1) | to_attr(role_ta[r]);
    }
    /* a theme with a background of its own (high-contrast) paints all of
     * the screen with it, also what a clear or a resize leaves */
    const RoleStyle *d = &s->theme->roles[ROLE_DEFAULT];
    if (s->colors && (d->bg8 >= 0 || d->bg256 >= 0 || d->rgb_bg != THEME_NORGB))
        bkgdset((chtype)(COLOR_PAIR(ROLE_DEFAULT + 1) | ' '));
}

/* The one place that decides the colour depth: none with NO_COLOR (any
 * non-empty value) or a terminal without colour, else what terminfo says:
 * direct colour, 256, 16 or 8. Then every role gets its attributes. */
static void setup_colors(Screen *s)
{
    s->colors = THEME_DEPTH_NONE;
    const char *nc = getenv("NO_COLOR");
    if (has_colors() && !(nc && *nc) && start_color() == OK) {
        use_default_colors();
        if (COLORS >= THEME_DEPTH_RGB)
            s->colors = THEME_DEPTH_RGB;
        else if (COLORS >= 256)
            s->colors = THEME_DEPTH_256;
        else if (COLORS >= 16)
            s->colors = THEME_DEPTH_16;
        else if (COLORS >= 8)
            s->colors = THEME_DEPTH_8;
        if (COLOR_PAIRS <= ROLE_COUNT)
            s->colors = THEME_DEPTH_NONE;
    }
    setup_roles(s);
}

void screen_set_theme(Screen *s, const Theme *t)
{
    if (!t || !is_open)
        return;
    s->theme = t;
    setup_roles(s);
    screen_invalidate(s);
}

/* Appends terminfo string capability `cap` to the reset sequence. */
static void reset_add(const char *cap)
{
    const char *v = tigetstr((char *)cap);
    if (!v || v == (const char *)-1)
        return;
    size_t n = strlen(v);
    if (reset_len + n < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, v, n);
        reset_len += n;
    }
}

/* Signals whose default action ends the program and that the loop does
 * not handle itself; the real-time ones are added at run time. */
static const int fatal_signals[] = {
    SIGQUIT,   SIGPIPE, SIGABRT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
    SIGXCPU,   SIGXFSZ, SIGSEGV, SIGBUS,  SIGFPE,  SIGILL,  SIGTRAP,   SIGSYS,
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
};

static void hook_fatal(int sig, const struct sigaction *sa)
{
    struct sigaction old;
    if (sig <= 0 || sig >= NSIG || sigaction(sig, NULL, &old) < 0 ||
        old.sa_handler == SIG_IGN) /* ignored by whoever started us */
        return;
    old_fatal[sig] = old;
    if (sigaction(sig, sa, NULL) == 0)
        fatal_hooked[sig] = 1;
}

/* Prepares what on_fatal() writes and hooks every fatal signal. Called
 * once the terminal's modes are saved and terminfo is loaded. */
static void hook_fatal_signals(void)
{
    reset_len = 0;
    static const char mouse_off[] = "\033[?1006;1003;1002;1000l";
    memcpy(reset_seq, mouse_off, sizeof mouse_off - 1);
    reset_len = sizeof mouse_off - 1;
    reset_add("sgr0");
    reset_add("cnorm");
    reset_add("rmkx");
    reset_add("rmcup");
    /* crashes from a blown stack need a stack of their own to run on */
    stack_t ss;
    if (sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_DISABLE)) {
        size_t n = 64 * 1024;
        alt_stack = malloc(n);
        if (alt_stack) {
            ss.ss_sp = alt_stack;
            ss.ss_size = n;
            ss.ss_flags = 0;
            if (sigaltstack(&ss, NULL) < 0) {
                free(alt_stack);
                alt_stack = NULL;
            }
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fatal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
        hook_fatal(fatal_signals[i], &sa);
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
        hook_fatal(sig, &sa);
}

static void unhook_fatal_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (fatal_hooked[sig]) {
            sigaction(sig, &old_fatal[sig], NULL);
            fatal_hooked[sig] = 0;
        }
    tty_fd = -1;
    if (alt_stack) {
        stack_t ss = {.ss_flags = SS_DISABLE};
        sigaltstack(&ss, NULL);
        free(alt_stack);
        alt_stack = NULL;
    }
}

int screen_open(Screen *s, const Theme *theme, char *err, size_t errn)
{
    memset(s, 0, sizeof *s);
    s->wake_fd = -1;
    s->theme = theme;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, errn,
                 "the dashboard needs a terminal; use --once to print a frame");
        return -1;
    }
    const char *t = getenv("TERM");
    if (!t || !*t) {
        snprintf(err, errn, "TERM is not set; cannot drive the terminal");
        return -1;
    }
    if (pipe(wake_pipe) < 0) {
        snprintf(err, errn, "cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    tty_fd = tcgetattr(STDOUT_FILENO, &saved_tio) == 0  ? STDOUT_FILENO
             : tcgetattr(STDIN_FILENO, &saved_tio) == 0 ? STDIN_FILENO
                                                        : -1;
    char direct[64];
    term = newterm(pick_term(t, direct, sizeof direct), stdout, stdin);
    if (!term) {
        snprintf(err, errn, "terminal type '%s' is unknown to ncurses", t);
        close(wake_pipe[0]);
        close(wake_pipe[1]);
        wake_pipe[0] = wake_pipe[1] = -1;
        tty_fd = -1;
        return -1;
    }
    set_term(term);
    is_open = 1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    leaveok(stdscr, TRUE);
    setup_colors(s);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, &old_winch);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    hook_fatal_signals();

    s->wake_fd = wake_pipe[0];
    getmaxyx(stdscr, s->h, s->w);
    s->shown = canvas_new(s->w, s->h, 0);
    if (!s->shown) {
        screen_close(s);
        snprintf(err, errn, "out of memory");
        return -1;
    }
    erase();
    refresh();
    return 0;
}

void screen_close(Screen *s)
{
    if (!is_open)
        return;
    is_open = 0;
    sigaction(SIGWINCH, &old_winch, NULL);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    unhook_fatal_signals();
    screen_mouse(0);
    curs_set(1);
    endwin();
    delscreen(term);
    term = NULL;
    canvas_free(s->shown);
    s->shown = NULL;
    for (int i = 0; i < 2; i++)
        if (wake_pipe[i] >= 0) {
            close(wake_pipe[i]);
            wake_pipe[i] = -1;
        }
}

int screen_clipboard(const char *text)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(text), k = 0;
    char *out = malloc(n / 3 * 4 + 16);
    if (!out)
        return -1;
    const unsigned char *t = (const unsigned char *)text;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)t[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)t[i + 1] << 8;
        if (i + 2 < n)
            v |= t[i + 2];
        out[k++] = b64[v >> 18 & 63];
        out[k++] = b64[v >> 12 & 63];
        out[k++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
        out[k++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[k] = 0;
    /* the selection "c" (clipboard), ended by BEL as xterm and tmux read
     * it; written beside ncurses' output, which it does not disturb */
    int rc = printf("\033]52;c;%s\a", out) < 0 || fflush(stdout) != 0 ? -1 : 0;
    free(out);
    return rc;
}

void screen_mouse(int on)
{
    if (!is_open || on == mouse_on)
        return;
    mmask_t want = 0;
    if (on) {
        want = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
        want |= BUTTON5_PRESSED;
#endif
    }
    /* clicks are told from presses by waiting this long for the release
     * (and a double click for the second press): enough over ssh */
    mouseinterval(on ? 250 : 0);
    mouse_on = mousemask(want, NULL) != 0;
    if (!on)
        mouse_on = 0;
}

void screen_invalidate(Screen *s)
{
    if (s->shown)
        canvas_resize(s->shown, s->w, s->h);
    if (s->shown)
        for (int i = 0; i < s->w * s->h; i++)
            s->shown->cells[i].ch = 0xffffffff; /* matches no real cell */
    clearok(curscr, TRUE);
}

void screen_resized(Screen *s)
{
    getmaxyx(stdscr, s->h, s->w);
    screen_invalidate(s);
}

int screen_show(Screen *s, const Canvas *c)
{
    int changed = 0;
    int w = c->w < s->w ? c->w : s->w, h = c->h < s->h ? c->h : s->h;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            const Cell *cl = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
            Cell *old = &s->shown->cells[(size_t)y * (size_t)s->w + (size_t)x];
            if (cl->ch == old->ch && cl->role == old->role &&
                cl->attrs == old->attrs)
                continue;
            *old = *cl;
            if (cl->ch == 0)
                continue; /* right half of a wide char: drawn with it */
            int role = cl->role < ROLE_COUNT ? cl->role : 0, ta;
            uint32_t ch;
            canvas_cell_look(cl, role_ta[role] | cl->attrs, &ch, &ta);
            wchar_t wc[2] = {(wchar_t)ch, 0};
            cchar_t cc;
            attr_t a = (role_attr[role] &
                        ~(A_BOLD | A_REVERSE | A_UNDERLINE | A_DIM)) |
                       to_attr(ta);
            short pair = (short)PAIR_NUMBER(a);
            setcchar(&cc, wc, a & ~A_COLOR, pair, NULL);
            mvadd_wch(y, x, &cc);
            changed = 1;
        }
    if (changed)
        refresh();
    return changed;
}
