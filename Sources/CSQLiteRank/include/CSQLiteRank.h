#ifndef CSQLITERANK_H
#define CSQLITERANK_H

/// Registers two functions and a tokenizer on a SQLite connection (a `sqlite3 *`).
///
/// The FTS5 auxiliary function `daftar_bm25_parts(table)`: for the current row it returns a
/// blob of native `double`s: the table's row
/// count, then one per phrase of the MATCH expression: that phrase's BM25 term-frequency part,
///     f * (k1 + 1) / (f + k1 * (1 - b + b * |D| / avgdl)),   k1 = 1.2, b = 0.75,
/// which the caller weighs with each phrase's IDF. Unlike FTS5's bm25(), it does not count
/// every match of every phrase first (that count is what makes bm25() cost as much as the
/// whole result set even under a LIMIT). After the parts: the number of instances kept (the
/// first 32), then each one's token offset and token count.
///
/// `daftar_snippet(text, instances, tokens)`: a window of `tokens` words of `text` around the
/// first of `instances` (the (offset, count) pairs above, as a blob of doubles), each instance
/// between \x02 and \x03, with … where the text was cut. It tokenises with unicode61
/// remove_diacritics 2 (the index's tokenizer), so offsets name the same words; unlike FTS5's
/// snippet() it needs no MATCH, so no search runs again to build it.
///
/// The FTS5 tokenizer `daftar_pairs MIN MAX WORD...`: unicode61 remove_diacritics 2, and for
/// each word followed by another where both are in the WORD list (most frequent first) and the
/// product of their ranks is within MIN...MAX, a pair token at the first word's position
/// (FTS5_TOKEN_COLOCATED). In a query phrase such a word is replaced by the pair, so "w1 w2" is
/// looked up as [pair, w2], which needs no position comparison on the many pages holding both
/// words. (CommonGrams, as Lucene has it.) Returns a SQLite result code.
int daftar_register_rank(void *db);

#endif
