package dev.forgather.logs.export.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression in pure Java (aircompressor), instead of Parquet's own {@code CodecFactory}: that
 * one loads Hadoop's codec classes (and snappy-java's or zstd-jni's native libraries), which is what
 * would otherwise tie the writer to a 20 MB Hadoop jar. Writing only: nothing here reads.
 */
final class PureJavaCodecs implements CompressionCodecFactory {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Passing();
            case SNAPPY -> new Compressing(codec, new SnappyCompressor());
            case ZSTD -> new Compressing(codec, new ZstdCompressor());
            default -> throw new UnsupportedOperationException("no pure-Java " + codec + " compressor");
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("writing only");
    }

    @Override
    public void release() {}

    private static final class Passing implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {}
    }

    private static final class Compressing implements BytesInputCompressor {
        private final CompressionCodecName codec;
        private final Compressor compressor;
        private byte[] buffer = new byte[0];

        Compressing(CompressionCodecName codec, Compressor compressor) {
            this.codec = codec;
            this.compressor = compressor;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] input = bytes.toByteArray();
            int max = compressor.maxCompressedLength(input.length);
            if (buffer.length < max) {
                buffer = new byte[max];
            }
            int length = compressor.compress(input, 0, input.length, buffer, 0, buffer.length);
            // Reused, as Parquet's own compressors reuse theirs: the page writer copies the result.
            return BytesInput.from(buffer, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {}
    }
}
