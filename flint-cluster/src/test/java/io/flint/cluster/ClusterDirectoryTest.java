package io.flint.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a cluster lives, and how hints name it so that a command copied from them acts on it. */
class ClusterDirectoryTest {
    private static final Path CWD = Path.of("/work/lab");

    @Test
    void aDirectoryFoundWithoutDirIsFoundAgainWithoutIt() {
        ClusterDirectory home = ClusterDirectory.resolve(Optional.empty(), Map.of("FLINT_HOME", "/srv/flint"), CWD);
        assertThat(home.root()).isEqualTo(Path.of("/srv/flint/cluster"));
        assertThat(home.command("down")).isEqualTo("flint cluster down");
        ClusterDirectory here = ClusterDirectory.resolve(Optional.empty(), Map.of(), CWD);
        assertThat(here.root()).isEqualTo(Path.of("/work/lab/.flint/cluster"));
        assertThat(here.command("remove 5003")).isEqualTo("flint cluster remove 5003");
    }

    @Test
    void aDirectoryGivenWithDirIsRepeatedInEveryHintAsAnAbsolutePath() {
        ClusterDirectory given = ClusterDirectory.resolve(Optional.of(Path.of("exp1")), Map.of("FLINT_HOME", "/srv"), CWD);
        assertThat(given.command("down")).isEqualTo("flint cluster down --dir /work/lab/exp1");
        assertThat(given.command("up --fresh")).isEqualTo("flint cluster up --fresh --dir /work/lab/exp1");
        assertThat(new ClusterDirectory(Path.of("/tmp/c")).command("ls")).isEqualTo("flint cluster ls --dir /tmp/c");
    }

    @Test
    void aPathAShellWouldSplitOrExpandIsQuoted() {
        assertThat(new ClusterDirectory(Path.of("/tmp/my lab")).command("down"))
                .isEqualTo("flint cluster down --dir \"/tmp/my lab\"");
        assertThat(new ClusterDirectory(Path.of("/tmp/$HOME\"x")).command("down"))
                .isEqualTo("flint cluster down --dir \"/tmp/\\$HOME\\\"x\"");
    }
}
