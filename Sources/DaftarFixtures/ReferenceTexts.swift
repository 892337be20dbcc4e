/// Texts the generated pages are rendered from, so that OCR can be scored against them.
/// Written to look like the files of a government office: memos, dates, file numbers.
public enum ReferenceTexts {
    /// A full typed page (about 1,800 characters, like a dense office page): two of the texts.
    public static func page(_ n: Int) -> String {
        pages[n % pages.count] + "\n" + pages[(n + 1) % pages.count]
    }

    public static let pages: [String] = [
        """
        GOVERNMENT OF THE PROVINCE
        Department of Revenue, Records Branch
        File No. REV/2291/1987 dated 14 March 1987
        Subject: Mutation of land records in the district of Attock
        The Deputy Commissioner is requested to forward the complete mutation register for the years 1979 to 1986, \
        together with the copies of the jamabandi and the field books, to this office within fifteen days. \
        The register will be examined by the Assistant Director before the hearing fixed for the second week of April. \
        Where entries have been corrected by hand, the officer who made the correction must initial it and state the reason.
        Copies of this letter are sent to the Tehsildar and to the Patwari of each circle for necessary action.
        """,
        """
        OFFICE MEMORANDUM
        No. 4(17)/88-Admn. Islamabad, the 2nd of August, 1988
        The undersigned is directed to refer to the correspondence resting with this Ministry's letter of even number \
        dated 19 June 1988 on the subject noted above and to state that the pension case of Mr. Abdul Rashid, \
        Superintendent (retired), has been received complete in all respects. The gratuity amounting to Rs. 48,350 \
        and the monthly pension of Rs. 1,275 have been sanctioned with effect from 1 July 1988.
        The Accountant General is requested to issue the pension payment order at the earliest and to inform this \
        Ministry of the date on which payment is made.
        """,
        """
        MINUTES OF THE MEETING
        held in the Committee Room on Tuesday, 9 November 1993 at 10:30 a.m.
        The meeting was chaired by the Secretary. The following officers attended: the Additional Secretary, \
        the Joint Secretary (Budget), the Deputy Secretary (Development) and the Section Officer (Coordination).
        Item 1. The committee reviewed the progress on the construction of the district hospital. \
        It was noted that 62 per cent of the work had been completed and that the remaining funds of \
        Rs. 3.7 million would be released in two instalments.
        Item 2. The committee decided that all old files of the department shall be listed, \
        numbered and transferred to the record room before 31 December 1993.
        """,
    ]
}
