package io.lodestar.dns;

/**
 * One zone Lodestar is authoritative for, as the query path needs it: the apex, and the answers that carry the
 * zone's SOA or NS (NXDOMAIN, NODATA, and the apex's own SOA and NS answers). Immutable; reverse zones whose apexes
 * have the same length share one instance's answers.
 */
final class Zone {

    /** The apex, lowercased wire format. */
    final byte[] apex;
    /** The number of labels of the apex, the root excluded. */
    final int labels;
    final Answer nxdomain;
    final Answer nodata;
    final Answer[] soa;
    final Answer[] ns;

    Zone(byte[] apex, Answer nodata, Answer[] soa, Answer[] ns) {
        this.apex = apex;
        this.labels = labelCount(apex);
        this.nodata = nodata;
        this.nxdomain = nodata.withRcode(Wire.RCODE_NXDOMAIN);
        this.soa = soa;
        this.ns = ns;
    }

    /** The same answers for another apex of the same length: the answers only point at the question. */
    Zone withApex(byte[] otherApex) {
        return new Zone(otherApex, nodata, nxdomain, soa, ns);
    }

    private Zone(byte[] apex, Answer nodata, Answer nxdomain, Answer[] soa, Answer[] ns) {
        this.apex = apex;
        this.labels = labelCount(apex);
        this.nodata = nodata;
        this.nxdomain = nxdomain;
        this.soa = soa;
        this.ns = ns;
    }

    static int labelCount(byte[] wire) {
        int labels = 0;
        for (int i = 0; wire[i] != 0; i += (wire[i] & 0xFF) + 1) {
            labels++;
        }
        return labels;
    }
}
