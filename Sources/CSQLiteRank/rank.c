#include "CSQLiteRank.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const double k1 = 1.2, b = 0.75;
#define DAFTAR_KEPT_INSTANCES 32
#define DAFTAR_MAX_SNIPPET_TOKENS 64

static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return api;
}

static void bm25_parts(const Fts5ExtensionApi *x, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc; (void)argv;
    /* The table's row count and average row length, once per query. */
    double *stats = x->xGetAuxdata(fts, 0);
    if (stats == NULL) {
        sqlite3_int64 rows = 0, tokens = 0;
        if (x->xRowCount(fts, &rows) != SQLITE_OK || x->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK) {
            sqlite3_result_error(ctx, "daftar_bm25_parts: no table statistics", -1);
            return;
        }
        stats = sqlite3_malloc(2 * sizeof(double));
        if (stats == NULL) { sqlite3_result_error_nomem(ctx); return; }
        stats[0] = (double)rows;
        stats[1] = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
        if (x->xSetAuxdata(fts, stats, sqlite3_free) != SQLITE_OK) { sqlite3_result_error_nomem(ctx); return; }
    }
    int phrases = x->xPhraseCount(fts);
    if (phrases < 0) phrases = 0;
    int instances = 0, length = 0;
    if (x->xInstCount(fts, &instances) != SQLITE_OK || x->xColumnSize(fts, -1, &length) != SQLITE_OK) {
        sqlite3_result_error(ctx, "daftar_bm25_parts: cannot read the row", -1);
        return;
    }
    int kept = instances < DAFTAR_KEPT_INSTANCES ? instances : DAFTAR_KEPT_INSTANCES;
    /* [rows, part_0 … part_{phrases-1}, kept, (offset, size) × kept] */
    size_t count = 1 + (size_t)phrases + 1 + 2 * (size_t)kept;
    double *out = sqlite3_malloc64(sizeof(double) * count);
    if (out == NULL) { sqlite3_result_error_nomem(ctx); return; }
    memset(out, 0, sizeof(double) * count);
    out[0] = stats[0];
    double *part = out + 1, *where = out + 1 + phrases + 1;
    out[1 + phrases] = kept;
    for (int i = 0; i < instances; i++) {
        int phrase = 0, column = 0, offset = 0;
        if (x->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK || phrase < 0 || phrase >= phrases) continue;
        part[phrase] += 1.0;
        if (i < kept) { where[2 * i] = offset; where[2 * i + 1] = x->xPhraseSize(fts, phrase); }
    }
    double norm = k1 * (1.0 - b + b * (double)length / stats[1]);
    for (int p = 0; p < phrases; p++) {
        double f = part[p];
        part[p] = f > 0 ? f * (k1 + 1.0) / (f + norm) : 0.0;
    }
    sqlite3_result_blob(ctx, out, (int)(sizeof(double) * count), sqlite3_free);
}

/* ---- daftar_snippet(text, instances, tokens) ---- */

typedef struct {
    fts5_tokenizer api;
    Fts5Tokenizer *tokenizer;
} Tokenizer;

static void tokenizer_free(void *p) {
    Tokenizer *t = p;
    if (t->tokenizer) t->api.xDelete(t->tokenizer);
    sqlite3_free(t);
}

typedef struct {
    int from, to, index;
    int starts[DAFTAR_MAX_SNIPPET_TOKENS], ends[DAFTAR_MAX_SNIPPET_TOKENS];
} Window;

static int window_token(void *p, int flags, const char *token, int size, int start, int end) {
    (void)token; (void)size;
    Window *w = p;
    if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
    int i = w->index++;
    if (i >= w->from && i < w->to) { w->starts[i - w->from] = start; w->ends[i - w->from] = end; }
    return w->index >= w->to ? SQLITE_DONE : SQLITE_OK;
}

static int append(char **buffer, int *length, int *capacity, const char *bytes, int n) {
    if (*length + n + 1 > *capacity) {
        int grown = (*capacity + n + 1) * 2;
        char *b = sqlite3_realloc(*buffer, grown);
        if (b == NULL) return 0;
        *buffer = b; *capacity = grown;
    }
    memcpy(*buffer + *length, bytes, (size_t)n);
    *length += n;
    return 1;
}

/* The byte after any Arabic-script combining marks (harakat, superscript alef, Quranic marks)
 * that start at `at`: unicode61 ends a token before them, but they belong to its word. */
static int after_marks(const char *text, int at, int length) {
    while (at + 1 < length) {
        unsigned char a = (unsigned char)text[at], b = (unsigned char)text[at + 1];
        unsigned cp = ((a & 0x1Fu) << 6) | (b & 0x3Fu);
        if ((a & 0xE0u) != 0xC0u || (b & 0xC0u) != 0x80u) break;
        int mark = (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
                   (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
                   (cp >= 0x06EA && cp <= 0x06ED);
        if (!mark) break;
        at += 2;
    }
    return at;
}

static void snippet(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    Tokenizer *t = sqlite3_user_data(ctx);
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    int textLength = sqlite3_value_bytes(argv[0]);
    const double *where = sqlite3_value_blob(argv[1]);
    int kept = sqlite3_value_bytes(argv[1]) / (int)(2 * sizeof(double));
    int tokens = sqlite3_value_int(argv[2]);
    if (text == NULL) { sqlite3_result_null(ctx); return; }
    if (tokens < 1) tokens = 1;
    if (tokens > DAFTAR_MAX_SNIPPET_TOKENS) tokens = DAFTAR_MAX_SNIPPET_TOKENS;

    Window w;
    int first = kept > 0 ? (int)where[0] : 0;
    w.from = first - tokens / 4 > 0 ? first - tokens / 4 : 0;
    w.to = w.from + tokens;
    w.index = 0;
    int rc = t->api.xTokenize(t->tokenizer, &w, FTS5_TOKENIZE_DOCUMENT, text, textLength, window_token);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) { sqlite3_result_error_code(ctx, rc); return; }
    int got = (w.index < w.to ? w.index : w.to) - w.from;
    if (got <= 0) { sqlite3_result_text(ctx, "", 0, SQLITE_STATIC); return; }
    for (int i = 0; i < got; i++) {
        int end = after_marks(text, w.ends[i], textLength);
        if (i + 1 < got && end > w.starts[i + 1]) end = w.starts[i + 1];
        w.ends[i] = end;
    }

    char *out = NULL;
    int length = 0, capacity = 0, ok = 1;
    if (w.from > 0) ok = append(&out, &length, &capacity, "\xE2\x80\xA6", 3);
    int open = 0, openUntil = -1;
    for (int i = 0; ok && i < got; i++) {
        int token = w.from + i;
        if (i > 0) ok = append(&out, &length, &capacity, text + w.ends[i - 1], w.starts[i] - w.ends[i - 1]);
        for (int k = 0; k < kept; k++) {
            int offset = (int)where[2 * k], size = (int)where[2 * k + 1];
            if (offset == token || (i == 0 && offset < token && offset + size > token)) {
                if (!open) { ok = ok && append(&out, &length, &capacity, "\x02", 1); open = 1; }
                if (offset + size - 1 > openUntil) openUntil = offset + size - 1;
            }
        }
        ok = ok && append(&out, &length, &capacity, text + w.starts[i], w.ends[i] - w.starts[i]);
        if (open && (token >= openUntil || i == got - 1)) { ok = ok && append(&out, &length, &capacity, "\x03", 1); open = 0; }
    }
    if (ok && w.index >= w.to && w.ends[got - 1] < textLength) ok = append(&out, &length, &capacity, "\xE2\x80\xA6", 3);
    if (!ok) { sqlite3_free(out); sqlite3_result_error_nomem(ctx); return; }
    sqlite3_result_text(ctx, out, length, sqlite3_free);
}

/* ---- the daftar_pairs tokenizer: unicode61 remove_diacritics 2, plus common-word pairs ---- */

/* A pair token is two code points from plane 15's private use area, U+F0000 + each word's
 * number in the list: two characters, so it never gets an entry in the 4-letter prefix index,
 * and unicode61 never emits such characters from text folded by TextNormalizer (it would have
 * to contain them, which OCR and text layers do not produce). */
#define DAFTAR_PAIR_BASE 0xF0000
#define DAFTAR_MAX_COMMON 65534
#define DAFTAR_MAX_WORD 64

typedef struct {
    fts5_tokenizer inner;
    void *innerContext;
} PairsRegistration;

typedef struct {
    Fts5Tokenizer *inner;
    fts5_tokenizer innerApi;
    /* Open addressing: slots hold a word's index + 1, 0 when empty. */
    int *slots;
    unsigned mask;
    char **words;
    int *lengths;
    int count;
    /* A pair of the words ranked a and b (1 = most frequent) is recorded when
     * minimumProduct <= a * b <= maximumProduct. */
    long minimumProduct, maximumProduct;
} Pairs;

static unsigned fnv1a(const char *p, int n) {
    unsigned h = 2166136261u;
    for (int i = 0; i < n; i++) { h ^= (unsigned char)p[i]; h *= 16777619u; }
    return h;
}

/* Whether the words numbered a and b (0-based list positions) make a pair. */
static int pairs_with(const Pairs *t, int a, int b) {
    if (a < 0 || b < 0) return 0;
    long product = (long)(a + 1) * (long)(b + 1);
    return product >= t->minimumProduct && product <= t->maximumProduct;
}

/* The word's number in the list, or -1. */
static int common_index(const Pairs *t, const char *token, int size) {
    if (t->count == 0 || size > DAFTAR_MAX_WORD) return -1;
    for (unsigned h = fnv1a(token, size) & t->mask;; h = (h + 1) & t->mask) {
        int s = t->slots[h];
        if (s == 0) return -1;
        if (t->lengths[s - 1] == size && memcmp(t->words[s - 1], token, (size_t)size) == 0) return s - 1;
    }
}

static int put_code_point(char *out, unsigned c) {
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static int pair_token(char *out, int first, int second) {
    put_code_point(out, DAFTAR_PAIR_BASE + (unsigned)first);
    return 4 + put_code_point(out + 4, DAFTAR_PAIR_BASE + (unsigned)second);
}

static void pairs_delete(Fts5Tokenizer *p) {
    Pairs *t = (Pairs *)p;
    if (t == NULL) return;
    if (t->inner) t->innerApi.xDelete(t->inner);
    for (int i = 0; i < t->count; i++) sqlite3_free(t->words[i]);
    sqlite3_free(t->words); sqlite3_free(t->lengths); sqlite3_free(t->slots);
    sqlite3_free(t);
}

typedef struct { char token[DAFTAR_MAX_WORD]; int size, found; } Folded;

static int fold_token(void *p, int flags, const char *token, int size, int start, int end) {
    (void)flags; (void)start; (void)end;
    Folded *f = p;
    f->found++;
    if (f->found == 1 && size <= DAFTAR_MAX_WORD) { memcpy(f->token, token, (size_t)size); f->size = size; }
    return SQLITE_OK;
}

/* Arguments: the smallest and the largest rank product of a recorded pair, then the common
 * words, most frequent first. Each word is folded by the inner tokenizer (case, diacritics);
 * a word that is not exactly one token, or is repeated, is ignored. */
static int pairs_create(void *context, const char **args, int count, Fts5Tokenizer **out) {
    PairsRegistration *r = context;
    Pairs *t = sqlite3_malloc(sizeof(Pairs));
    if (t == NULL) return SQLITE_NOMEM;
    memset(t, 0, sizeof(Pairs));
    t->innerApi = r->inner;
    const char *innerArgs[] = {"remove_diacritics", "2"};
    int rc = r->inner.xCreate(r->innerContext, innerArgs, 2, &t->inner);
    if (rc != SQLITE_OK) { sqlite3_free(t); return rc; }
    if (count < 2 || count - 2 > DAFTAR_MAX_COMMON) { pairs_delete((Fts5Tokenizer *)t); return SQLITE_ERROR; }
    char *end = NULL;
    t->minimumProduct = strtol(args[0], &end, 10);
    if (end == args[0] || *end != 0) { pairs_delete((Fts5Tokenizer *)t); return SQLITE_ERROR; }
    t->maximumProduct = strtol(args[1], &end, 10);
    if (end == args[1] || *end != 0) { pairs_delete((Fts5Tokenizer *)t); return SQLITE_ERROR; }
    args += 2; count -= 2;
    unsigned capacity = 16;
    while (capacity < (unsigned)count * 2) capacity <<= 1;
    t->mask = capacity - 1;
    t->slots = sqlite3_malloc64(sizeof(int) * capacity);
    t->words = sqlite3_malloc64(sizeof(char *) * (size_t)(count + 1));
    t->lengths = sqlite3_malloc64(sizeof(int) * (size_t)(count + 1));
    if (!t->slots || !t->words || !t->lengths) { pairs_delete((Fts5Tokenizer *)t); return SQLITE_NOMEM; }
    memset(t->slots, 0, sizeof(int) * capacity);
    for (int i = 0; i < count; i++) {
        Folded f = {{0}, 0, 0};
        rc = t->innerApi.xTokenize(t->inner, &f, FTS5_TOKENIZE_DOCUMENT, args[i], (int)strlen(args[i]), fold_token);
        if (rc != SQLITE_OK) { pairs_delete((Fts5Tokenizer *)t); return rc; }
        if (f.found != 1 || f.size == 0 || common_index(t, f.token, f.size) >= 0) continue;
        char *w = sqlite3_malloc(f.size);
        if (w == NULL) { pairs_delete((Fts5Tokenizer *)t); return SQLITE_NOMEM; }
        memcpy(w, f.token, (size_t)f.size);
        t->words[t->count] = w; t->lengths[t->count] = f.size;
        unsigned h = fnv1a(w, f.size) & t->mask;
        while (t->slots[h] != 0) h = (h + 1) & t->mask;
        t->slots[h] = ++t->count;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

/* Document mode: every word, and after each word that is common and followed by a common
 * word, the pair's token at the same position (FTS5_TOKEN_COLOCATED). A word is held until
 * the next arrives, since the pair must follow the word it shares a position with. */
typedef struct {
    const Pairs *t;
    void *context;
    int (*emit)(void *, int, const char *, int, int, int);
    char held[DAFTAR_MAX_WORD];
    int heldSize, heldStart, heldEnd, heldFlags, heldCommon, holding;
    /* Query mode: the words of the string, rewritten at the end. */
    int queryCount, queryCapacity;
    struct QueryWord { char *token; int size, start, end, flags; } *query;
} PairsWalk;

static int document_token(void *p, int flags, const char *token, int size, int start, int end) {
    PairsWalk *w = p;
    if (flags & FTS5_TOKEN_COLOCATED) return w->emit(w->context, flags, token, size, start, end);
    int common = common_index(w->t, token, size);
    if (w->holding) {
        int rc = w->emit(w->context, w->heldFlags, w->held, w->heldSize, w->heldStart, w->heldEnd);
        if (rc == SQLITE_OK && pairs_with(w->t, w->heldCommon, common)) {
            char pair[8];
            rc = w->emit(w->context, FTS5_TOKEN_COLOCATED, pair, pair_token(pair, w->heldCommon, common), w->heldStart, end);
        }
        w->holding = 0;
        if (rc != SQLITE_OK) return rc;
    }
    if (size > DAFTAR_MAX_WORD) return w->emit(w->context, flags, token, size, start, end);
    memcpy(w->held, token, (size_t)size);
    w->heldSize = size; w->heldStart = start; w->heldEnd = end; w->heldFlags = flags; w->heldCommon = common;
    w->holding = 1;
    return SQLITE_OK;
}

static int query_token(void *p, int flags, const char *token, int size, int start, int end) {
    PairsWalk *w = p;
    if (w->queryCount == w->queryCapacity) {
        int grown = w->queryCapacity ? w->queryCapacity * 2 : 16;
        struct QueryWord *q = sqlite3_realloc64(w->query, sizeof(struct QueryWord) * (size_t)grown);
        if (q == NULL) return SQLITE_NOMEM;
        w->query = q; w->queryCapacity = grown;
    }
    char *copy = sqlite3_malloc(size > 0 ? size : 1);
    if (copy == NULL) return SQLITE_NOMEM;
    memcpy(copy, token, (size_t)size);
    w->query[w->queryCount++] = (struct QueryWord){copy, size, start, end, flags};
    return SQLITE_OK;
}

static int pairs_tokenize(Fts5Tokenizer *p, void *context, int flags, const char *text, int length,
                          int (*emit)(void *, int, const char *, int, int, int)) {
    Pairs *t = (Pairs *)p;
    /* Snippets and highlights (AUX) need only the words, whose positions are unchanged. */
    if (t->count == 0 || (flags & FTS5_TOKENIZE_AUX)) return t->innerApi.xTokenize(t->inner, context, flags, text, length, emit);
    PairsWalk w;
    memset(&w, 0, sizeof(w));
    w.t = t; w.context = context; w.emit = emit;
    if (!(flags & FTS5_TOKENIZE_QUERY)) {
        int rc = t->innerApi.xTokenize(t->inner, &w, flags, text, length, document_token);
        if (rc == SQLITE_OK && w.holding) rc = emit(context, w.heldFlags, w.held, w.heldSize, w.heldStart, w.heldEnd);
        return rc;
    }
    /* Query mode: in a phrase, a common word followed by a common word is replaced by their
     * pair, at the word's position: "w1 w2" becomes [pair(w1,w2), w2], which matches where the
     * document has the pair at w1's position and w2 after it. A phrase's last word, when it
     * is a prefix ("w1 w2*"), is not paired, since the pair names w2 exactly. */
    int rc = t->innerApi.xTokenize(t->inner, &w, flags, text, length, query_token);
    int pairable = w.queryCount - ((flags & FTS5_TOKENIZE_PREFIX) ? 1 : 0);
    for (int i = 0; rc == SQLITE_OK && i < w.queryCount; i++) {
        struct QueryWord *q = &w.query[i];
        int a = i + 1 < pairable ? common_index(t, q->token, q->size) : -1;
        int b = a >= 0 ? common_index(t, w.query[i + 1].token, w.query[i + 1].size) : -1;
        if (pairs_with(t, a, b)) {
            char pair[8];
            rc = emit(context, q->flags, pair, pair_token(pair, a, b), q->start, w.query[i + 1].end);
        } else {
            rc = emit(context, q->flags, q->token, q->size, q->start, q->end);
        }
    }
    for (int i = 0; i < w.queryCount; i++) sqlite3_free(w.query[i].token);
    sqlite3_free(w.query);
    return rc;
}

int daftar_register_rank(void *handle) {
    sqlite3 *db = handle;
    fts5_api *api = fts5_api_of(db);
    if (api == NULL) return SQLITE_ERROR;
    int rc = api->xCreateFunction(api, "daftar_bm25_parts", NULL, bm25_parts, NULL);
    if (rc != SQLITE_OK) return rc;

    Tokenizer *t = sqlite3_malloc(sizeof(Tokenizer));
    if (t == NULL) return SQLITE_NOMEM;
    memset(t, 0, sizeof(Tokenizer));
    void *context = NULL;
    rc = api->xFindTokenizer(api, "unicode61", &context, &t->api);
    const char *args[] = {"remove_diacritics", "2"};
    if (rc == SQLITE_OK) rc = t->api.xCreate(context, args, 2, &t->tokenizer);
    if (rc != SQLITE_OK) { sqlite3_free(t); return rc; }
    rc = sqlite3_create_function_v2(db, "daftar_snippet", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, t, snippet, NULL, NULL, tokenizer_free);
    if (rc != SQLITE_OK) return rc;

    PairsRegistration *r = sqlite3_malloc(sizeof(PairsRegistration));
    if (r == NULL) return SQLITE_NOMEM;
    rc = api->xFindTokenizer(api, "unicode61", &r->innerContext, &r->inner);
    if (rc != SQLITE_OK) { sqlite3_free(r); return rc; }
    fts5_tokenizer pairs = {pairs_create, pairs_delete, pairs_tokenize};
    return api->xCreateTokenizer(api, "daftar_pairs", r, &pairs, sqlite3_free);
}
