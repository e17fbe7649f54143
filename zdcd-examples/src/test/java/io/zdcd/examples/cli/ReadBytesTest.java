package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CheckCommand.readBytes reads what Files.readAllBytes reads, and fails as it does. */
class ReadBytesTest {
    @TempDir
    Path dir;

    @Test
    void reads_every_byte_of_files_of_any_size() throws IOException {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 8191, 65536, 65537, 1_000_003}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("m" + size + ".sql"), bytes);
            then(CheckCommand.readBytes(file)).as("%d bytes", size).isEqualTo(bytes);
        }
    }

    @Test
    void a_file_without_a_size_is_read_to_its_end() throws IOException {
        then(CheckCommand.readBytes(Path.of("/proc/self/status"))).isNotEmpty(); // stat says 0 bytes
    }

    @Test
    void a_missing_file_and_a_directory_fail_as_files_read_all_bytes_does() {
        then(catchThrowable(() -> CheckCommand.readBytes(dir.resolve("missing.sql"))))
                .isInstanceOf(NoSuchFileException.class);
        Throwable expected = catchThrowable(() -> Files.readAllBytes(dir));
        then(catchThrowable(() -> CheckCommand.readBytes(dir))).isInstanceOf(expected.getClass())
                .hasMessage(expected.getMessage());
    }
}
