package dev.forgather.logs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoProblemsTest {
    @Test
    void eachConditionHasOneLowerCaseWording() {
        assertThat(IoProblems.reason(new NoSuchFileException("/x/trainer_logs.json")))
                .isEqualTo("no such file");
        assertThat(IoProblems.reason(new AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(IoProblems.reason(new FileAlreadyExistsException("tmp"))).isEqualTo("not a directory: tmp");
        assertThat(IoProblems.reason(new NotDirectoryException("tmp"))).isEqualTo("not a directory: tmp");
        assertThat(IoProblems.reason(new FileSystemException("/x", null, "Is a directory")))
                .isEqualTo("is a directory");
        assertThat(IoProblems.reason(new IOException("No space left on device.\nsecond line")))
                .isEqualTo("no space left on device");
        assertThat(IoProblems.reason(new IOException())).isEqualTo("IOException");
    }

    @Test
    void whatTheFileSystemSaysIsTranslatedTheSameWay(@TempDir Path dir) {
        try {
            Files.readAllBytes(dir.resolve("missing"));
        } catch (IOException e) {
            assertThat(IoProblems.reason(e)).isEqualTo("no such file");
        }
        try {
            Files.newBufferedWriter(dir.resolve("missing").resolve("out.csv"));
        } catch (IOException e) {
            assertThat(IoProblems.reason(e)).isEqualTo("no such file");
        }
    }
}
