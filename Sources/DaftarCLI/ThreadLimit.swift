import Foundation

enum ThreadLimit {
    static func ensureSingleThreadedOCR() {
        guard getenv("OMP_THREAD_LIMIT") == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // If exec fails, carry on: OCR then uses OpenMP's default threading.
    }
}
