package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.TrainingLogBuilder;
import dev.forgather.logs.read.tensorboard.Event;
import dev.forgather.logs.read.tensorboard.Summary;
import dev.forgather.logs.read.tensorboard.SummaryMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TensorBoard reader decodes events of the common shape by hand and leaves the rest to
 * protobuf-java. On random events — every field the schema has, values of every kind, fields
 * twice, messages concatenated (which protobuf merges), bytes flipped and cut — both ways accept
 * the same events and read the same records, bit for bit.
 */
class TensorBoardHandDecodeTest {
    private static final String[] TAGS = {
        "train/loss", "loss", "eval/loss", "ünïcode", "", "lr", "_hparams_/session_start_info"
    };

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void handDecodingReadsWhatProtobufReads(long seed) throws Exception {
        Random random = new Random(seed);
        List<byte[]> events = new ArrayList<>();
        int n = 1 + random.nextInt(60);
        for (int i = 0; i < n; i++) {
            byte[] event = randomEvent(random).toByteArray();
            switch (random.nextInt(12)) {
                case 0 -> event = concat(event, randomEvent(random).toByteArray());
                case 1 -> {
                    if (event.length > 0) {
                        event = event.clone();
                        event[random.nextInt(event.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 2 -> event = Arrays.copyOf(event, random.nextInt(event.length + 1));
                case 3 -> event = concat(event, new byte[] {(byte) random.nextInt(256), (byte) random.nextInt(256)});
                default -> {}
            }
            events.add(event);
        }
        TensorBoardReader.Tags handTags = new TensorBoardReader.Tags();
        TensorBoardReader.Tags protobufTags = new TensorBoardReader.Tags();
        TensorBoardReader.FileScalars hand = new TensorBoardReader.FileScalars(true);
        TensorBoardReader.FileScalars protobuf = new TensorBoardReader.FileScalars(false);
        for (byte[] event : events) {
            byte[] framed = concat(new byte[3], event);
            assertThat(hand.addEvent(framed, 3, event.length, handTags))
                    .as("accepted alike: %s", Arrays.toString(event))
                    .isEqualTo(protobuf.addEvent(framed, 3, event.length, protobufTags));
        }
        assertThat(records(hand, handTags)).isEqualTo(records(protobuf, protobufTags));
        assertThat(hand.hparams).isEqualTo(protobuf.hparams);
        if (n >= 40) {
            // The random events include plain ones: the comparison covers the hand-decoded path.
            assertThat(hand.handDecoded).isPositive();
        }
    }

    /** What PyTorch's SummaryWriter writes takes the hand-decoded path, every event of it. */
    @org.junit.jupiter.api.Test
    void summaryWriterEventsAreDecodedByHand() throws Exception {
        TensorBoardReader.Tags handTags = new TensorBoardReader.Tags();
        TensorBoardReader.Tags protobufTags = new TensorBoardReader.Tags();
        TensorBoardReader.FileScalars hand = new TensorBoardReader.FileScalars(true);
        TensorBoardReader.FileScalars protobuf = new TensorBoardReader.FileScalars(false);
        for (int step = 1; step <= 100; step++) {
            for (String tag : new String[] {"train/loss", "train/learning_rate"}) {
                byte[] event = Event.newBuilder()
                        .setStep(step)
                        .setWallTime(1.7e9 + step)
                        .setSummary(Summary.newBuilder()
                                .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(step / 7f)))
                        .build()
                        .toByteArray();
                assertThat(hand.addEvent(event, 0, event.length, handTags)).isTrue();
                assertThat(protobuf.addEvent(event, 0, event.length, protobufTags))
                        .isTrue();
            }
        }
        assertThat(hand.handDecoded).isEqualTo(200);
        assertThat(protobuf.handDecoded).isZero();
        assertThat(records(hand, handTags))
                .isEqualTo(records(protobuf, protobufTags))
                .contains("loss=");
    }

    /**
     * Lengths and numbers past one varint byte: a 200-character tag, a summary of many values
     * (hundreds of bytes), steps of five and ten varint bytes (a negative step), alike both ways.
     */
    @org.junit.jupiter.api.Test
    void multiByteVarintsAreReadAlikeByHandAndByProtobuf() throws Exception {
        String longTag = "train/" + "x".repeat(200);
        long[] steps = {0, 127, 128, 16_383, 16_384, 3_000_000_000L, Long.MAX_VALUE, -1, -300};
        TensorBoardReader.Tags handTags = new TensorBoardReader.Tags();
        TensorBoardReader.Tags protobufTags = new TensorBoardReader.Tags();
        TensorBoardReader.FileScalars hand = new TensorBoardReader.FileScalars(true);
        TensorBoardReader.FileScalars protobuf = new TensorBoardReader.FileScalars(false);
        for (long step : steps) {
            Summary.Builder summary = Summary.newBuilder()
                    .addValue(Summary.Value.newBuilder().setTag(longTag).setSimpleValue(step % 7));
            for (int v = 0; v < 20; v++) {
                summary.addValue(
                        Summary.Value.newBuilder().setTag("train/metric_" + v).setSimpleValue(v / 3f));
            }
            byte[] event = Event.newBuilder()
                    .setStep(step)
                    .setWallTime(1.7e9 + Math.abs(step % 1000))
                    .setSummary(summary)
                    .build()
                    .toByteArray();
            assertThat(event.length).isGreaterThan(300);
            assertThat(hand.addEvent(event, 0, event.length, handTags))
                    .as("step %d", step)
                    .isEqualTo(protobuf.addEvent(event, 0, event.length, protobufTags));
        }
        // Every one of them is SummaryWriter's shape: none may fall back to protobuf-java.
        assertThat(hand.handDecoded).isEqualTo(steps.length);
        assertThat(records(hand, handTags))
                .isEqualTo(records(protobuf, protobufTags))
                .contains("x".repeat(200));
    }

    private static String records(TensorBoardReader.FileScalars scalars, TensorBoardReader.Tags tags) {
        TrainingLogBuilder builder = new TrainingLogBuilder();
        tags.emit(List.of(scalars), builder);
        return ForgatherLogFuzzTest.describe(
                builder.build(Path.of("run", "events"), RunName.of("run"), LogFormat.TENSORBOARD));
    }

    private static Event randomEvent(Random random) {
        Event.Builder event = Event.newBuilder();
        if (random.nextInt(5) > 0) {
            event.setWallTime(1.7e9 + random.nextInt(1000) / 8.0);
        }
        if (random.nextInt(5) > 0) {
            event.setStep(random.nextInt(8) == 0 ? -random.nextInt(100) : random.nextInt(50));
        }
        switch (random.nextInt(10)) {
            case 0 -> event.setFileVersion("brain.Event:2");
            case 1 -> event.setGraphDef(ByteString.copyFromUtf8("graph"));
            case 2 -> {}
            default -> {
                Summary.Builder summary = Summary.newBuilder();
                int values = random.nextInt(4);
                for (int v = 0; v < values; v++) {
                    summary.addValue(randomValue(random));
                }
                event.setSummary(summary);
            }
        }
        return event.build();
    }

    private static Summary.Value randomValue(Random random) {
        Summary.Value.Builder value = Summary.Value.newBuilder();
        if (random.nextInt(6) > 0) {
            value.setTag(TAGS[random.nextInt(TAGS.length)]);
        }
        if (random.nextInt(8) == 0) {
            value.setNodeName(random.nextBoolean() ? "node" : "nöde");
        }
        switch (random.nextInt(8)) {
            case 0 -> value.setMetadata(SummaryMetadata.getDefaultInstance());
            case 1 ->
                value.setMetadata(SummaryMetadata.newBuilder()
                        .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("scalars")));
            default -> {}
        }
        switch (random.nextInt(8)) {
            case 0 -> value.setTensor(EventFiles.floatTensor(random.nextFloat()));
            case 1 -> value.setTensor(EventFiles.doubleContent(random.nextDouble()));
            case 2 -> value.setObsoleteOldStyleHistogram(ByteString.copyFrom("h", StandardCharsets.US_ASCII));
            case 3 -> {}
            default -> value.setSimpleValue(random.nextInt(20) == 0 ? Float.NaN : random.nextFloat() * 10);
        }
        return value.build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
