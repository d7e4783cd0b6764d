package io.lodestar.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lodestar.records.RecordSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code /v1/hosts/{host}} and {@code /v1/services/{service}} (spec section 10): a name looked up in one
 * {@link RecordSet}, the one the caller read from the published snapshot, so the answer is as consistent as a DNS
 * answer. Upstream's quirks are kept: {@code .*} is dropped from the name, and a miss is one object of empty
 * strings with status 200.
 */
final class Lookups {

    /** The outcome of one lookup: the JSON body, and whether the name was inside the domain and found. */
    record Result(byte[] json, boolean inDomain, boolean hit) {
    }

    private final String domainSuffix;

    /** Lookups for the domain {@code domainFqdn} (e.g. {@code mesos.}). */
    Lookups(String domainFqdn) {
        this.domainSuffix = "." + domainFqdn;
    }

    /** The lookup key of a path parameter: {@code .*} removed, lowercased, with a trailing dot. */
    static String key(String name) {
        String key = name.replace(".*", "").toLowerCase(Locale.ROOT);
        return key.endsWith(".") ? key : key + ".";
    }

    /** Every A value, then every AAAA value of the name, as {@code {"host", "ip"}} objects. */
    Result hosts(RecordSet records, String name) {
        String key = key(name);
        List<String> a = records.a().getOrDefault(key, List.of());
        List<String> aaaa = records.aaaa().getOrDefault(key, List.of());
        List<String> ips = new ArrayList<>(a.size() + aaaa.size());
        ips.addAll(a);
        ips.addAll(aaaa);
        byte[] json = GoJson.write(out -> {
            out.writeStartArray();
            if (ips.isEmpty()) {
                writeHost(out, "", "");
            }
            for (String ip : ips) {
                writeHost(out, key, ip);
            }
            out.writeEndArray();
        });
        // As upstream counts it: a hit needs an A value.
        return new Result(json, inDomain(key), !a.isEmpty());
    }

    private static void writeHost(JsonGenerator out, String host, String ip) throws IOException {
        out.writeStartObject();
        out.writeStringField("host", host);
        out.writeStringField("ip", ip);
        out.writeEndObject();
    }

    /**
     * For each SRV value of the name: one entry with the target's first A value, one more with its first AAAA
     * value; targets without addresses are left out. {@code service} echoes the parameter as given.
     */
    Result services(RecordSet records, String name) {
        String key = key(name);
        List<RecordSet.Srv> srvs = records.srv().getOrDefault(key, List.of());
        List<ServiceEntry> entries = new ArrayList<>();
        for (RecordSet.Srv srv : srvs) {
            String port = Integer.toString(srv.port());
            firstValue(records.a(), srv.target(), ip -> entries.add(new ServiceEntry(name, srv.target(), ip, port)));
            firstValue(records.aaaa(), srv.target(), ip -> entries.add(new ServiceEntry(name, srv.target(), ip, port)));
        }
        if (entries.isEmpty()) {
            entries.add(new ServiceEntry("", "", "", ""));
        }
        byte[] json = GoJson.write(out -> {
            out.writeStartArray();
            for (ServiceEntry e : entries) {
                out.writeStartObject();
                out.writeStringField("service", e.service());
                out.writeStringField("host", e.host());
                out.writeStringField("ip", e.ip());
                out.writeStringField("port", e.port());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
        return new Result(json, inDomain(key), !srvs.isEmpty());
    }

    private record ServiceEntry(String service, String host, String ip, String port) {
    }

    private static void firstValue(Map<String, List<String>> values, String name, Consumer<String> use) {
        List<String> v = values.get(name);
        if (v != null && !v.isEmpty()) {
            use.accept(v.get(0));
        }
    }

    private boolean inDomain(String key) {
        return key.endsWith(domainSuffix) || key.equals(domainSuffix.substring(1));
    }
}
