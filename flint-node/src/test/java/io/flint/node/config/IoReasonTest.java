package io.flint.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a file could not be read, in words, never just the file's name again. */
class IoReasonTest {

    @Test
    void theJdksExceptionsWhoseMessageIsOnlyTheFileNameAreSaidInWords() {
        assertThat(IoReason.of(new NoSuchFileException("/etc/flint.json"))).isEqualTo("no such file");
        assertThat(IoReason.of(new AccessDeniedException("/etc/flint.json"))).isEqualTo("permission denied");
    }

    @Test
    void aConfigThatCannotBeReadNamesTheFileOnceAndSaysWhy(@TempDir Path dir) {
        assertThatThrownBy(() -> ClusterConfig.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read: ")
                .satisfies(e -> assertThat(e.getMessage().indexOf(dir.toString(), 1)).isEqualTo(-1));
    }
}
