package dev.forgather.logs.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fuzzes the Hugging Face {@code trainer_state.json} reader, seeded with every real one. */
class TrainerStateFuzzTest {
    private static final FuzzFiles FILES = new FuzzFiles("trainer-state-fuzz");

    static Stream<Arguments> realStates() {
        return FuzzSeeds.files(name -> name.equals(TrainerStateReader.FILE_NAME));
    }

    @MethodSource("realStates")
    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveRecordsOrOneLine(byte[] data) {
        Path file = FILES.write("run/" + TrainerStateReader.FILE_NAME, data);
        ReadInvariant.load(file, FILES.dir(), ReadInvariant.count(data, '{'));
    }
}
