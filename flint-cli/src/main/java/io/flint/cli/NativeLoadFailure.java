package io.flint.cli;

/**
 * A native library that would not load (RocksDB's, libsecp256k1's), told in one line. Both unpack
 * their library into the JVM's temporary directory and load it from there, so a /tmp mounted
 * {@code noexec} (Docker's {@code --tmpfs /tmp} is) fails with the linker's words and a Java stack
 * trace: an Error, past the one-line handling of exceptions.
 */
final class NativeLoadFailure {
    private NativeLoadFailure() {}

    static String explain(LinkageError e, String tmpDir) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint = reason.contains("failed to map segment") || reason.contains("operation not permitted")
                ? ": the temporary directory " + tmpDir + " must allow executing files, since native libraries are "
                        + "unpacked and loaded from there (Docker: --tmpfs /tmp:exec; or point -Djava.io.tmpdir "
                        + "at one that does, through JAVA_TOOL_OPTIONS)"
                : "";
        return "flint: cannot load a native library (" + reason + ")" + hint;
    }
}
