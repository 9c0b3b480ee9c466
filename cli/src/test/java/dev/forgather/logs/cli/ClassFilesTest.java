package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What the build does to the class files for start-up (BENCHMARKS.md, Round 2): picocli compiled
 * for Java 17, which the launcher's AppCDS archive can hold (its own jar's Java 5 class files it
 * cannot), and string concatenation compiled without {@code invokedynamic}.
 */
class ClassFilesTest {
    private static final int JAVA_17 = 61;

    @Test
    void picocliIsCompiledForJava17SoThatClassDataSharingArchivesIt() throws IOException {
        assertThat(majorVersion(CommandLine.class)).isEqualTo(JAVA_17);
        assertThat(majorVersion(CommandLine.Model.CommandSpec.class)).isEqualTo(JAVA_17);
    }

    @Test
    void stringConcatenationIsCompiledWithoutInvokedynamic() throws IOException {
        // Main and picocli's CommandLine concatenate strings; with javac's default each would
        // name StringConcatFactory.makeConcatWithConstants in its constant pool.
        for (Class<?> c : new Class<?>[] {Main.class, CommandLine.class, dev.forgather.logs.TrainingLogs.class}) {
            assertThat(new String(bytes(c), StandardCharsets.ISO_8859_1))
                    .as(c.getName())
                    .contains("java/lang/StringBuilder")
                    .doesNotContain("makeConcatWithConstants");
        }
    }

    private static int majorVersion(Class<?> c) throws IOException {
        byte[] b = bytes(c);
        return (b[6] & 0xff) << 8 | (b[7] & 0xff);
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
