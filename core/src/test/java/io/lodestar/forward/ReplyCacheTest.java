package io.lodestar.forward;

import static io.lodestar.forward.Messages.buf;
import static io.lodestar.forward.Messages.lowerWire;
import static io.lodestar.forward.Messages.noerror;
import static io.lodestar.forward.Messages.parse;
import static io.lodestar.forward.Messages.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ReplyCacheTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String SOA = "example. 900 SOA ns1.example. root.example. 1 60 60 60 120";

    private static int ttl(Message m) {
        ByteBuf b = buf(m);
        return CacheTtl.of(b, MessageLayout.read(b), 86400, 3600);
    }

    private static ReplyCache.Key key(String name, int type) {
        byte[] wire = lowerWire(name);
        return ReplyCache.key(wire, wire.length, type, DClass.IN, false, false, false);
    }

    @Test
    void positiveAnswersLiveAsLongAsTheirShortestTtl() {
        assertThat(ttl(noerror("a.example.", Type.A, "a.example. 300 A 192.0.2.1", "a.example. 200 A 192.0.2.2",
                Section.AUTHORITY, "example. 600 NS ns.example.", Section.ADDITIONAL, "ns.example. 5 A 192.0.2.9")))
                .isEqualTo(200);
        assertThat(ttl(noerror("a.example.", Type.A, "a.example. 999999 A 192.0.2.1"))).isEqualTo(86400);
        assertThat(ttl(noerror("a.example.", Type.A, "a.example. 0 A 192.0.2.1"))).isZero();
    }

    @Test
    void negativeAnswersLiveAsLongAsTheSoaAllows() {
        // RFC 2308 5: min(SOA TTL, SOA MINIMUM).
        assertThat(ttl(reply("no.example.", Type.A, Rcode.NXDOMAIN, Section.AUTHORITY, SOA))).isEqualTo(120);
        assertThat(ttl(noerror("a.example.", Type.AAAA, Section.AUTHORITY,
                "example. 30 SOA ns1.example. root.example. 1 60 60 60 120"))).isEqualTo(30);
        assertThat(ttl(reply("no.example.", Type.A, Rcode.NXDOMAIN, Section.AUTHORITY,
                "example. 90000 SOA ns1.example. root.example. 1 60 60 60 90000"))).isEqualTo(3600);
        // Without an SOA a negative answer is not cached (RFC 2308 5).
        assertThat(ttl(reply("no.example.", Type.A, Rcode.NXDOMAIN))).isEqualTo(CacheTtl.NONE);
        assertThat(ttl(noerror("a.example.", Type.AAAA))).isEqualTo(CacheTtl.NONE);
        // A CNAME to a name that does not exist: the CNAME's TTL counts too.
        assertThat(ttl(reply("alias.example.", Type.A, Rcode.NXDOMAIN, "alias.example. 20 CNAME gone.example.",
                Section.AUTHORITY, SOA))).isEqualTo(20);
    }

    @Test
    void failuresAndTruncatedRepliesAreNotCached() {
        assertThat(ttl(reply("a.example.", Type.A, Rcode.SERVFAIL))).isEqualTo(CacheTtl.NONE);
        assertThat(ttl(reply("a.example.", Type.A, Rcode.REFUSED))).isEqualTo(CacheTtl.NONE);
        Message tc = noerror("a.example.", Type.A, "a.example. 300 A 192.0.2.1");
        tc.getHeader().setFlag(Flags.TC);
        assertThat(ttl(tc)).isEqualTo(CacheTtl.NONE);
    }

    @Test
    void aCachedReplyComesBackWithTheClientsIdAndAgedTtls() {
        ReplyCache cache = new ReplyCache(10, 86400, 3600);
        ReplyCache.Key key = key("a.example.", Type.A);
        Message reply = noerror("a.example.", Type.A, "a.example. 300 A 192.0.2.1", Section.AUTHORITY,
                "example. 600 NS ns.example.");
        reply.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        assertThat(cache.put(key, buf(reply), 1000 * SECOND)).isEqualTo(300);

        ByteBuf out = Unpooled.buffer();
        assertThat(cache.write(key, 0x1234, 1000 * SECOND + 100 * SECOND + SECOND / 2, out)).isTrue();
        Message hit = parse(out);
        assertThat(hit.getHeader().getID()).isEqualTo(0x1234);
        assertThat(hit.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(200);
        assertThat(hit.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(500);
        assertThat(hit.getOPT().getPayloadSize()).isEqualTo(1232);
    }

    @Test
    void entriesExpire() {
        ReplyCache cache = new ReplyCache(10, 86400, 3600);
        ReplyCache.Key key = key("a.example.", Type.A);
        cache.put(key, buf(noerror("a.example.", Type.A, "a.example. 10 A 192.0.2.1")), 0);
        assertThat(cache.write(key, 1, 9 * SECOND, Unpooled.buffer())).isTrue();
        assertThat(cache.write(key, 1, 10 * SECOND, Unpooled.buffer())).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theKeySeparatesQuestionsAndEdnsBits() {
        ReplyCache cache = new ReplyCache(10, 86400, 3600);
        cache.put(key("a.example.", Type.A), buf(noerror("a.example.", Type.A, "a.example. 60 A 192.0.2.1")), 0);
        assertThat(cache.write(key("A.EXAMPLE.", Type.A), 1, 0, Unpooled.buffer())).isTrue();
        assertThat(cache.write(key("a.example.", Type.AAAA), 1, 0, Unpooled.buffer())).isFalse();
        byte[] wire = lowerWire("a.example.");
        for (int bits = 1; bits < 8; bits++) {
            ReplyCache.Key k = ReplyCache.key(wire, wire.length, Type.A, DClass.IN, (bits & 1) != 0,
                    (bits & 2) != 0, (bits & 4) != 0);
            assertThat(cache.write(k, 1, 0, Unpooled.buffer())).as("bits %d", bits).isFalse();
        }
    }

    @Test
    void theOldestEntryGoesWhenFull() {
        ReplyCache cache = new ReplyCache(2, 86400, 3600);
        for (String n : new String[] {"a.example.", "b.example.", "c.example."}) {
            cache.put(key(n, Type.A), buf(noerror(n, Type.A, n + " 60 A 192.0.2.1")), 0);
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.write(key("a.example.", Type.A), 1, 0, Unpooled.buffer())).isFalse();
        assertThat(cache.write(key("b.example.", Type.A), 1, 0, Unpooled.buffer())).isTrue();
        assertThat(cache.write(key("c.example.", Type.A), 1, 0, Unpooled.buffer())).isTrue();
    }

    @Test
    void staysBoundedWhenEntriesExpireAndComeBack() {
        ReplyCache cache = new ReplyCache(3, 86400, 3600);
        for (int round = 0; round < 1000; round++) {
            long now = round * 2 * SECOND;
            ReplyCache.Key k = key("a.example.", Type.A);
            assertThat(cache.write(k, 1, now, Unpooled.buffer())).isFalse();
            cache.put(k, buf(noerror("a.example.", Type.A, "a.example. 1 A 192.0.2.1")), now);
            assertThat(cache.write(k, 1, now, Unpooled.buffer())).isTrue();
        }
        assertThat(cache.size()).isEqualTo(1);
        for (String n : new String[] {"b.example.", "c.example.", "d.example.", "e.example."}) {
            cache.put(key(n, Type.A), buf(noerror(n, Type.A, n + " 60 A 192.0.2.1")), 2000 * SECOND);
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void aReplacedEntryIsNotEvictedByItsOlderCopy() {
        ReplyCache cache = new ReplyCache(2, 86400, 3600);
        ReplyCache.Key a = key("a.example.", Type.A);
        cache.put(a, buf(noerror("a.example.", Type.A, "a.example. 60 A 192.0.2.1")), 0);
        cache.put(a, buf(noerror("a.example.", Type.A, "a.example. 60 A 192.0.2.2")), 0);
        cache.put(key("b.example.", Type.A), buf(noerror("b.example.", Type.A, "b.example. 60 A 192.0.2.1")), 0);
        ByteBuf out = Unpooled.buffer();
        assertThat(cache.write(a, 1, 0, out)).isTrue();
        assertThat(parse(out).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.2");
    }

    @Test
    void uncacheableRepliesAreNotStored() {
        ReplyCache cache = new ReplyCache(10, 86400, 3600);
        assertThat(cache.put(key("a.example.", Type.A), buf(reply("a.example.", Type.A, Rcode.SERVFAIL)), 0))
                .isEqualTo(CacheTtl.NONE);
        assertThat(cache.put(key("a.example.", Type.A), Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), 0))
                .isEqualTo(CacheTtl.NONE);
        assertThat(cache.size()).isZero();
    }
}
