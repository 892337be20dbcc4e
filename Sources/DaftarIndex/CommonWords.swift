/// The words whose adjacent pairs the SQLite index also records as one token (CommonGrams).
///
/// A phrase of two words that are each on most pages ("of the", "کے لیے") is slow to find
/// from the words alone: FTS5 must compare positions on every page that has both. When both
/// words are in this list the index also holds the pair as a token of its own, at the first
/// word's position, and a phrase query looks the pair up instead (see the `daftar_pairs`
/// tokenizer in CSQLiteRank). Pairs with a rarer word need no help: the rarer word's short
/// list leads the search.
///
/// Not every pair of common words: only those whose phrase is expected (if words fell
/// independently) on neither most pages nor few, `pairRankProducts`. A phrase of the two or
/// three most frequent words is on so many pages that the newest matches are found at once;
/// the pages holding both of two words ranked in the thousands are few. The list must be in
/// order of frequency, most frequent first.
///
/// The list is part of the index's table definition: changing it needs `daftar index rebuild`
/// (into a new file). It holds the most frequent English function words and the most
/// frequent Urdu ones (folded as `TextNormalizer` folds them).
public enum CommonWords {
    public static let english: [String] = """
        the of and to a in is it that for was on be with as by at this are from or an have not \
        which but all were had has his her their they them there been will would shall should may \
        can could its one no any such other said than then these those so if into upon under \
        within without before after also more most only same each every he she we you i me my our \
        your us him who whom whose what when where while being do does did done made per above \
        below between about against during through until over up down out off further here both \
        few some own very again once s t mr mrs dr sir no nos date dated vide ref copy file page \
        sub subject government office department letter section order under
        """.split(separator: " ").map(String.init)

    public static let urdu: [String] = """
        کے کی کا کو میں سے نے پر اور یہ وہ ہے ہیں تھا تھی تھے ہو ہوں ہوا ہوئے ہوئی گیا گئی گئے کیا کر \
        کرنے کرتے کی کہ جو جس جن اس ان ایک بھی تو نہیں لیے لئے ساتھ بعد پاس تک طرف کوئی کچھ اپنے اپنی \
        اپنا دیا دی جائے جا رہا رہی رہے سکتا سکتی سکتے والے والی والا جناب صاحب محکمہ دفتر نمبر تاریخ
        """.split(separator: " ").map { TextNormalizer.normalize(String($0)) }

    /// A pair of the words ranked a and b (1 = most frequent) is recorded when a × b is in this
    /// range. Measured on a million generated pages (`daftar-bench index`): this window
    /// records about a quarter as many pair tokens as words, where all pairs among the first
    /// 500 words would record a third, and brings the slow phrases down further.
    public static let pairRankProducts = 100...10_000

    public static let `default`: [String] = english + urdu
}
