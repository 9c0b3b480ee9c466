package dev.forgather.logs.read;

import com.google.protobuf.ByteString;
import dev.forgather.logs.read.tensorboard.Event;
import dev.forgather.logs.read.tensorboard.HParamValue;
import dev.forgather.logs.read.tensorboard.HParamsPluginData;
import dev.forgather.logs.read.tensorboard.SessionStartInfo;
import dev.forgather.logs.read.tensorboard.Summary;
import dev.forgather.logs.read.tensorboard.SummaryMetadata;
import dev.forgather.logs.read.tensorboard.TensorProto;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.CRC32C;

/** Writes TensorBoard event files for tests, framed as TFRecords the way TensorFlow's RecordWriter does. */
final class EventFiles {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    EventFiles() {
        add(Event.newBuilder()
                .setWallTime(1.0e9)
                .setFileVersion("brain.Event:2")
                .build());
    }

    EventFiles add(Event event) {
        byte[] data = event.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(masked(header.array(), 0, 8));
        out.writeBytes(header.array());
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(masked(data, 0, data.length))
                .array());
        return this;
    }

    /** An old-style scalar: one event per value, as PyTorch's SummaryWriter writes it. */
    EventFiles simple(long step, double wallTime, String tag, float value) {
        return add(Event.newBuilder()
                .setStep(step)
                .setWallTime(wallTime)
                .setSummary(Summary.newBuilder()
                        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value)))
                .build());
    }

    /** A TF2-style scalar: a rank-0 tensor. */
    EventFiles tensor(long step, double wallTime, String tag, TensorProto tensor) {
        return add(Event.newBuilder()
                .setStep(step)
                .setWallTime(wallTime)
                .setSummary(Summary.newBuilder()
                        .addValue(Summary.Value.newBuilder().setTag(tag).setTensor(tensor)))
                .build());
    }

    /**
     * The hparams plugin's session start, as PyTorch's {@code add_hparams} and Lightning's
     * {@code log_hyperparams} write it: a {@code _hparams_/session_start_info} summary whose plugin
     * data holds the hyperparameters.
     */
    EventFiles hparams(double wallTime, Map<String, HParamValue> hparams) {
        HParamsPluginData data = HParamsPluginData.newBuilder()
                .setSessionStartInfo(SessionStartInfo.newBuilder().putAllHparams(hparams))
                .build();
        return add(Event.newBuilder()
                .setWallTime(wallTime)
                .setSummary(Summary.newBuilder()
                        .addValue(Summary.Value.newBuilder()
                                .setTag("_hparams_/session_start_info")
                                .setMetadata(SummaryMetadata.newBuilder()
                                        .setPluginData(SummaryMetadata.PluginData.newBuilder()
                                                .setPluginName("hparams")
                                                .setContent(data.toByteString())))))
                .build());
    }

    static HParamValue number(double value) {
        return HParamValue.newBuilder().setNumberValue(value).build();
    }

    static HParamValue text(String value) {
        return HParamValue.newBuilder().setStringValue(value).build();
    }

    static HParamValue bool(boolean value) {
        return HParamValue.newBuilder().setBoolValue(value).build();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static TensorProto floatTensor(float value) {
        return TensorProto.newBuilder().setDtype(1).addFloatVal(value).build();
    }

    static TensorProto doubleContent(double value) {
        byte[] raw = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(value)
                .array();
        return TensorProto.newBuilder()
                .setDtype(2)
                .setTensorContent(ByteString.copyFrom(raw))
                .build();
    }

    /** TFRecord's masked CRC-32C, written out here apart from the reader's. */
    static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return Integer.rotateRight(c, 15) + 0xa282ead8;
    }
}
