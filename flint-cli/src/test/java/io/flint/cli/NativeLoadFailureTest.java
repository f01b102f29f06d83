package io.flint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeLoadFailureTest {
    /** What the linker says when /tmp is mounted noexec (a container hardened with --read-only --tmpfs /tmp). */
    @Test
    void aNoexecTemporaryDirectoryIsNamedWithWhatToDo() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("/tmp/librocksdbjni123.so: /tmp/librocksdbjni123.so: "
                + "failed to map segment from shared object");
        assertThat(NativeLoadFailure.explain(e, "/tmp")).startsWith("flint: cannot load a native library (")
                .contains("the temporary directory /tmp must allow executing files").contains("--tmpfs /tmp:exec")
                .doesNotContain("\n");
    }

    @Test
    void anyOtherLinkFailureIsOneLineWithTheLinkersWords() {
        assertThat(NativeLoadFailure.explain(new UnsatisfiedLinkError("no rocksdbjni in java.library.path"), "/tmp"))
                .isEqualTo("flint: cannot load a native library (no rocksdbjni in java.library.path)");
    }
}
