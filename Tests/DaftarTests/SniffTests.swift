import XCTest
@testable import DaftarPipeline

final class SniffTests: XCTestCase {
    func testSniffsByBytes() {
        XCTAssertEqual(MediaType.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), .png)
        XCTAssertEqual(MediaType.sniff(Array("%PDF-1.4\n".utf8)), .pdf)
        XCTAssertNil(MediaType.sniff([]))
    }
}
