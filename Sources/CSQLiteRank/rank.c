#include "CSQLiteRank.h"

#include <sqlite3.h>
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
    return sqlite3_create_function_v2(db, "daftar_snippet", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, t, snippet, NULL, NULL, tokenizer_free);
}
