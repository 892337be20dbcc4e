import Foundation

// libgomp (linked by Tesseract) reads OMP_THREAD_LIMIT once, when it is loaded: before
// `main`. So that N jobs use N cores, start again with Tesseract's threading at one.
ThreadLimit.ensureSingleThreadedOCR()
Daftar.main()
