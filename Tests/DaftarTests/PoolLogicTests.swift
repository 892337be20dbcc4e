import DaftarPool
import Foundation
import Messaging
import XCTest

/// Tier 1: the pool's pure logic (scheduling, names, bundles, wire parsing, keys).
final class PoolLogicTests: XCTestCase {
    func testSchedulerTakesPriorityThenFIFO() {
        var s = Scheduler(agingSeconds: 60)
        s.enqueue(1, priority: 1, queuedAt: 0)
        s.enqueue(2, priority: 9, queuedAt: 1)
        s.enqueue(3, priority: 5, queuedAt: 2)
        s.enqueue(4, priority: 9, queuedAt: 3)
        s.enqueue(5, priority: 5, queuedAt: 4)
        var order: [Int64] = []
        while let id = s.next(now: 5) { order.append(id) }
        XCTAssertEqual(order, [2, 4, 3, 5, 1])
        XCTAssertEqual(s.count, 0)
    }

    func testSchedulerAgesSoNoJobWaitsForever() {
        var s = Scheduler(agingSeconds: 10)
        s.enqueue(1, priority: 0, queuedAt: 0)
        // A stream of urgent jobs keeps arriving; the old low-priority job still gets its turn
        // once it has waited 9 × agingSeconds more than the newest urgent job.
        var taken: [Int64] = []
        for t in 0..<120 {
            s.enqueue(Int64(100 + t), priority: 9, queuedAt: Double(t))
            if let id = s.next(now: Double(t)) { taken.append(id) }
        }
        XCTAssertTrue(taken.contains(1), "the priority-0 job never ran")
        XCTAssertLessThanOrEqual(taken.firstIndex(of: 1)!, 100)
    }

    func testSchedulerRemovesCancelledJobs() {
        var s = Scheduler()
        for i in 1...4 { s.enqueue(Int64(i), priority: 5, queuedAt: Double(i)) }
        s.remove(2)
        s.remove(2)
        XCTAssertEqual(s.count, 3)
        var order: [Int64] = []
        while let id = s.next(now: 10) { order.append(id) }
        XCTAssertEqual(order, [1, 3, 4])
        XCTAssertEqual(s.oldestWait(now: 10), 0)

        // Queued again after a removal: once, in its new place.
        s.enqueue(7, priority: 5, queuedAt: 1)
        s.enqueue(8, priority: 5, queuedAt: 2)
        s.remove(7)
        s.enqueue(7, priority: 5, queuedAt: 3)
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(s.oldestWait(now: 4), 2)
        XCTAssertEqual([s.next(now: 4), s.next(now: 4), s.next(now: 4)], [8, 7, nil])
    }

    func testNamesRefuseEscapes() {
        XCTAssertTrue(Names.isSafeRelativePath("file-12/page 1.tif"))
        XCTAssertTrue(Names.isSafeRelativePath("فائل/صفحہ.tif"))
        for bad in ["../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "", "a/./b", "a\u{0}b", "a\nb"] {
            XCTAssertFalse(Names.isSafeRelativePath(bad), bad)
        }
        XCTAssertFalse(Names.isSafeComponent("a/b"))
        XCTAssertTrue(Names.isLocalEndpoint("tcp://127.0.0.1:5555"))
        XCTAssertTrue(Names.isLocalEndpoint("ipc:///tmp/x.sock"))
        XCTAssertFalse(Names.isLocalEndpoint("tcp://*:5555"))
        XCTAssertFalse(Names.isLocalEndpoint("tcp://0.0.0.0:5555"))
        XCTAssertFalse(Names.isLocalEndpoint("tcp://10.1.2.3:5555"))
    }

    func testOutputBundleRoundTripAndRefusesTraversal() throws {
        let dir = Support.temporaryDirectory(self)
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/out/alto", withIntermediateDirectories: true)
        try Data("text".utf8).write(to: URL(fileURLWithPath: dir + "/out/text.txt"))
        try Data([0, 1, 2, 10, 13, 255]).write(to: URL(fileURLWithPath: dir + "/out/alto/0001.xml"))
        try Data().write(to: URL(fileURLWithPath: dir + "/out/empty"))
        try OutputBundle.pack(folder: dir + "/out", into: dir + "/b")
        let written = try OutputBundle.unpack(dir + "/b", into: dir + "/back")
        XCTAssertEqual(written, ["alto/0001.xml", "empty", "text.txt"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/back/alto/0001.xml")), Data([0, 1, 2, 10, 13, 255]))

        try Data("{\"path\":\"../evil\",\"size\":1}\nx".utf8).write(to: URL(fileURLWithPath: dir + "/evil"))
        XCTAssertThrowsError(try OutputBundle.unpack(dir + "/evil", into: dir + "/e"))
        XCTAssertFalse(fm.fileExists(atPath: dir + "/evil-out"))
        try Data("{\"path\":\"a\",\"size\":99}\nshort".utf8).write(to: URL(fileURLWithPath: dir + "/short"))
        XCTAssertThrowsError(try OutputBundle.unpack(dir + "/short", into: dir + "/s"))
    }

    func testWireRefusesGarbage() throws {
        let good = Wire.frames(.status, Query(token: "t"))
        XCTAssertEqual(try Wire.parse(good[...]).command, .status)
        XCTAssertThrowsError(try Wire.parse([[1, 2, 3]][...]))
        XCTAssertThrowsError(try Wire.parse([Array("NOPE".utf8), Array("STATUS".utf8), Array("{}".utf8)][...]))
        XCTAssertThrowsError(try Wire.parse([Wire.tag, Array("LAUNCH".utf8), Array("{}".utf8)][...]))
        XCTAssertThrowsError(try Wire.parse([Wire.tag, Array("STATUS".utf8), [0xFF, 0xFE]][...]))
        let m = try Wire.parse([Wire.tag, Array("SUBMIT".utf8), Array("{\"token\":1}".utf8)][...])
        XCTAssertThrowsError(try m.decode(SubmitRequest.self))
    }

    func testKeyFilesRoundTrip() throws {
        let dir = Support.temporaryDirectory(self)
        let k = try CurveKeyPair.generate()
        XCTAssertTrue(CurveKeyPair.isValidKey(k.publicKey))
        try KeyFile.write(k, base: dir + "/w")
        XCTAssertEqual(try KeyFile.readPair(dir + "/w.key"), k)
        XCTAssertEqual(try KeyFile.readPublic(dir + "/w.pub"), k.publicKey)
        XCTAssertEqual(try KeyFile.readAllowList(dir + "/w.pub"), [k.publicKey])
        XCTAssertThrowsError(try KeyFile.write(k, base: dir + "/w"), "must not overwrite a key")
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/w.key")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testRetryDelayGrowsAndIsCapped() {
        var p = RetryPolicy()
        p.firstDelay = 5; p.maximumDelay = 60
        XCTAssertEqual(p.delay(afterFailures: 1), 5)
        XCTAssertEqual(p.delay(afterFailures: 2), 10)
        XCTAssertEqual(p.delay(afterFailures: 3), 20)
        XCTAssertEqual(p.delay(afterFailures: 10), 60)
    }
}
