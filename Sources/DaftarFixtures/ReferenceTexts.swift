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
        """
        NOTIFICATION
        No. SO(Admn)/E&A/3-41/2019. Peshawar, dated the 14th October, 2019.
        In exercise of the powers conferred by section 9 of the Civil Servants Act, 1973, the Governor is pleased \
        to transfer and post Mr. Muhammad Tariq Khattak, Tehsildar (BS-16), presently posted at Tehsil Nowshera, \
        as Naib Tehsildar Revenue, Mardan, with immediate effect and until further orders.
        The officer shall hand over the charge of the mutation register, the jamabandi of Mauza Pir Sabaq and \
        the roznamcha waqiati to the Patwari Halqa before relieving.
        Endst. No. & date even. Copy forwarded to the Accountant General, the Commissioner Mardan Division, \
        the Deputy Commissioner Nowshera and the officer concerned.
        """,
        """
        STATEMENT OF ARREARS OF LAND REVENUE AS ON 30-06-1996
        S.No. Mauza Khewat Khatauni Area (Kanal-Marla) Arrears (Rs.)
        1. Chak 42/GB 117 231 14-07 2,415.50
        2. Kot Addu 58 96 8-12 1,096.00
        3. Basti Malook 203 377 22-03 4,870.25
        4. Jhok Uttra 11 19 3-16 318.75
        Total arrears Rs. 8,700.50 (Rupees eight thousand seven hundred and fifty paisa only).
        Verified by the Girdawar Circle and countersigned by the Assistant Commissioner (Revenue).
        """,
        """
        From: The Secretary to Government, Health Department.
        To: The Director General Health Services, Khyber Pakhtunkhwa, Peshawar.
        Subject: REQUEST FOR RELEASE OF FUNDS FOR THE PURCHASE OF MEDICINES FOR BHU SHEWA ADDA.
        Memo No. DGHS/Budget/IV-127. Dated 22.01.2001.
        Please refer to your letter No. 1186 dated 4-12-2000 on the above subject. I am directed to convey \
        the sanction of the Competent Authority for the release of Rs. 312,600/- under Head A03927 \
        (Purchase of Drugs and Medicines) for the financial year 2000-01, subject to the observance of the \
        codal formalities and the Delegation of Financial Powers Rules, 1990.
        """,
        """
        IN THE COURT OF THE COLLECTOR, DISTRICT SWAT.
        Appeal No. 88/R of 2004. Gul Zaman s/o Sher Zaman, resident of Mingora (appellant) versus \
        Fazal Rabbi and others (respondents).
        ORDER. This appeal is directed against the order of the Assistant Collector 1st Grade dated 17-5-2004, \
        whereby the mutation No. 4417 of Mauza Saidu was sanctioned in favour of the respondents. Arguments \
        heard and record perused. The appeal is accepted, the impugned order is set aside and the case is \
        remanded for a fresh decision after hearing both parties. File be consigned to the record room.
        """,
        """
        OFFICE ORDER
        Consequent upon the approval of the Departmental Promotion Committee in its meeting held on 3rd March, 2008, \
        the following Junior Clerks (BPS-07) of this Directorate are hereby promoted as Senior Clerks (BPS-09) \
        on regular basis with effect from the date of taking over charge: (i) Mr. Said Rahman; \
        (ii) Mr. Abdul Wahab; (iii) Miss Nasreen Akhtar; (iv) Mr. Zahid Ullah.
        They will remain on probation for a period of one year, extendable up to two years.
        Sd/- Director (Establishment).
        """,
    ]
}
