package io.flint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-space floor against this machine's real disk: far below and far above what it has free. */
class FreeSpaceFloorTest {
    @TempDir
    Path dir;

    @Test
    void aDiskWithMoreThanTheFloorFreeIsFine() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        assertThat(new FreeSpaceFloor(Math.max(1, free / 2)).shortfall(dir)).isEmpty();
        assertThat(FreeSpaceFloor.OFF.shortfall(dir)).isEmpty();
    }

    @Test
    void belowTheFloorItSaysHowMuchIsFreeWhereAndTheFloor() {
        FreeSpaceFloor huge = FreeSpaceFloor.ofMebibytes(1L << 40);
        // a data directory not made yet is judged by the disk it will be made on
        Path data = dir.resolve("not-yet").resolve("data");
        assertThat(huge.shortfall(data)).hasValueSatisfying(s -> assertThat(s)
                .matches("only [0-9]+ (MiB|KiB) free on the disk of " + java.util.regex.Pattern.quote(data.toString())
                        + ", below the 1099511627776 MiB a node keeps free for its blocks \\(--min-free-space\\)"));
        assertThat(data).doesNotExist();
    }

    @Test
    void sizesUnderOneMebibyteAreShownInKibibytes() {
        assertThat(FreeSpaceFloor.mebibytes(300 * 1024)).isEqualTo("300 KiB");
        assertThat(FreeSpaceFloor.mebibytes(5L << 20)).isEqualTo("5 MiB");
        assertThat(FreeSpaceFloor.mebibytes((5L << 20) + 1023)).isEqualTo("5 MiB");
    }

    @Test
    void aNegativeFloorIsRefused() {
        assertThatThrownBy(() -> new FreeSpaceFloor(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FreeSpaceFloor.ofMebibytes(-1)).hasMessage("--min-free-space must be 0 or more MiB, got -1");
    }
}
