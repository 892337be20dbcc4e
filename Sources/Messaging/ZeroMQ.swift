import CZmq

/// The ZeroMQ wrapper module: the only importer of libzmq. The pool (broker and workers)
/// builds on it; today it reports the library's version so the link is checked.
public enum ZeroMQ {
    public static var version: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }
}
