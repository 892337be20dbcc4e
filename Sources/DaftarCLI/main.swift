import DaftarPool
import Foundation

// A child of serve, broker or worker dies with its parent (see ChildProcess).
ChildProcess.dieWithParent()

// libgomp (linked by Tesseract) reads OMP_THREAD_LIMIT once, when it is loaded: before
// `main`. So that N jobs use N cores, start again with Tesseract's threading at one.
ThreadLimit.ensureSingleThreadedOCR()
// Usage errors exit with 2 (ArgumentParser's own default is 64).
do {
    var command = try Daftar.parseAsRoot()
    try command.run()
} catch {
    let code = Daftar.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((Daftar.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    Daftar.exit(withError: error)
}
