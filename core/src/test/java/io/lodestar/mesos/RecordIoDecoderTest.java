package io.lodestar.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordIoDecoderTest {
    private static final List<String> RECORDS = List.of(
            "{\"type\":\"SUBSCRIBED\",\"subscribed\":{}}", "{\"type\":\"HEARTBEAT\"}", "", "x".repeat(5000), "é\n7\n");

    private static byte[] framed(List<String> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : records) {
            byte[] b = r.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((b.length + "\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static List<String> decodeInChunks(byte[] stream, int[] cuts) throws Exception {
        RecordIoDecoder decoder = new RecordIoDecoder(1 << 20);
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(stream, from, cut - from, r -> out.add(new String(r, StandardCharsets.UTF_8)));
            from = cut;
        }
        decoder.feed(stream, from, stream.length - from, r -> out.add(new String(r, StandardCharsets.UTF_8)));
        assertThat(decoder.midRecord()).isFalse();
        return out;
    }

    @Test
    void recordsInOneChunkComeOutInOrder() throws Exception {
        assertThat(decodeInChunks(framed(RECORDS), new int[0])).containsExactlyElementsOf(RECORDS);
    }

    @Test
    void aStreamCutAtEveryByteDecodesTheSame() throws Exception {
        byte[] stream = framed(RECORDS);
        int[] everyByte = new int[stream.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(decodeInChunks(stream, everyByte)).containsExactlyElementsOf(RECORDS);
    }

    @Test
    void aStreamCutAtRandomPlacesDecodesTheSame() throws Exception {
        byte[] stream = framed(RECORDS);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(random.nextInt(8), 0, stream.length + 1).sorted().toArray();
            assertThat(decodeInChunks(stream, cuts)).containsExactlyElementsOf(RECORDS);
        }
    }

    @Test
    void aStreamThatStopsInsideARecordOrItsLengthIsMidRecord() throws Exception {
        RecordIoDecoder decoder = new RecordIoDecoder(100);
        List<byte[]> out = new ArrayList<>();
        decoder.feed("1".getBytes(StandardCharsets.US_ASCII), 0, 1, out::add);
        assertThat(decoder.midRecord()).isTrue();
        decoder.feed("0\nabc".getBytes(StandardCharsets.US_ASCII), 0, 5, out::add);
        assertThat(decoder.midRecord()).isTrue();
        decoder.feed("defghij".getBytes(StandardCharsets.US_ASCII), 0, 7, out::add);
        assertThat(decoder.midRecord()).isFalse();
        assertThat(out).hasSize(1);
        assertThat(new String(out.get(0), StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "12a\n", "-1\n", " 5\nhello", "1234567890123\n"})
    void framingThatIsNotRecordIoFails(String stream) {
        RecordIoDecoder decoder = new RecordIoDecoder(1 << 20);
        byte[] b = stream.getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> decoder.feed(b, 0, b.length, r -> { }))
                .isInstanceOf(RecordIoDecoder.FramingException.class).hasMessageStartingWith("RecordIO: ");
    }

    @Test
    void aRecordLongerThanTheLimitFailsBeforeAnyBufferIsAllocated() {
        RecordIoDecoder decoder = new RecordIoDecoder(1000);
        byte[] b = "999999999\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> decoder.feed(b, 0, b.length, r -> { }))
                .hasMessage("RecordIO: record of 999999999 bytes exceeds the limit of 1000");
    }

    @Test
    void aHugeAnnouncedLengthCostsOnlyTheBytesThatArrive() throws Exception {
        RecordIoDecoder decoder = new RecordIoDecoder(1 << 30);
        byte[] start = "900000000\nabcdefghij".getBytes(StandardCharsets.US_ASCII);

        long before = io.lodestar.testing.FuzzBounds.allocatedBytes();
        decoder.feed(start, 0, start.length, r -> { });
        long allocated = io.lodestar.testing.FuzzBounds.allocatedBytes() - before;

        assertThat(allocated).as("bytes allocated for a 900 MB claim").isLessThan(1 << 20);
        assertThat(decoder.midRecord()).isTrue();
    }
}
