package io.lodestar.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lodestar.config.Config;
import io.lodestar.dns.Snapshot;
import io.lodestar.records.RecordSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Mesos-DNS documents of spec section 10, field for field and in upstream's field order: {@code /v1/version},
 * {@code /v1/config}, {@code /v1/axfr} and {@code /v1/enumerate}. Maps are written with sorted keys, as Go's
 * encoder writes them. Pure functions of their arguments.
 */
final class MesosDnsJson {
    static final String SERVICE = "Mesos-DNS";
    static final String URL = "https://github.com/mesosphere/mesos-dns";

    private MesosDnsJson() {
    }

    /** {@code /v1/version}: Service and URL as upstream (clients identify the API by them), our version. */
    static byte[] version(String version) {
        return GoJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("Service", SERVICE);
            json.writeStringField("URL", URL);
            json.writeStringField("Version", version);
            json.writeEndObject();
        });
    }

    /**
     * {@code /v1/config}: the effective configuration under its HTTP names (spec 2.2), {@code SOASerial} the serving
     * serial, {@code Masters} null when empty, and the Mesos secret masked (QUIRK 11).
     */
    static byte[] config(Config c, long serial) {
        return GoJson.write(json -> {
            json.writeStartObject();
            json.writeNumberField("RefreshSeconds", c.refreshSeconds());
            json.writeNumberField("Port", c.port());
            json.writeNumberField("Timeout", c.timeout());
            json.writeNumberField("StateTimeoutSeconds", c.stateTimeoutSeconds());
            json.writeNumberField("ZkDetectionTimeout", c.zkDetectionTimeout());
            json.writeNumberField("HttpPort", c.httpPort());
            json.writeNumberField("TTL", c.ttl());
            json.writeNumberField("SRVRecordDefaultWeight", c.srvRecordDefaultWeight());
            json.writeNumberField("SOASerial", serial);
            json.writeNumberField("SOARefresh", c.soaRefresh());
            json.writeNumberField("SOARetry", c.soaRetry());
            json.writeNumberField("SOAExpire", c.soaExpire());
            json.writeNumberField("SOAMinttl", c.soaMinttl());
            json.writeStringField("SOAMname", c.soaMname());
            json.writeStringField("SOARname", c.soaRname());
            json.writeFieldName("Masters");
            GoJson.stringArray(json, c.masters(), true);
            json.writeFieldName("ZoneResolvers");
            json.writeStartObject();
            for (Map.Entry<String, List<String>> zone : new TreeMap<>(c.zoneResolvers()).entrySet()) {
                json.writeFieldName(zone.getKey());
                GoJson.stringArray(json, zone.getValue(), false);
            }
            json.writeEndObject();
            json.writeFieldName("Resolvers");
            GoJson.stringArray(json, c.resolvers(), false);
            json.writeFieldName("IPSources");
            GoJson.stringArray(json, c.ipSources(), false);
            json.writeStringField("Zk", c.zk());
            json.writeStringField("Domain", c.domain());
            json.writeStringField("File", c.file());
            json.writeStringField("Listener", c.listener());
            json.writeStringField("HTTPListener", c.httpListener());
            json.writeBooleanField("RecurseOn", c.recurseOn());
            json.writeBooleanField("DnsOn", c.dnsOn());
            json.writeBooleanField("HttpOn", c.httpOn());
            json.writeBooleanField("ExternalOn", c.externalOn());
            json.writeBooleanField("EnforceRFC952", c.enforceRfc952());
            json.writeBooleanField("SetTruncateBit", c.setTruncateBit());
            json.writeBooleanField("EnumerationOn", c.enumerationOn());
            json.writeBooleanField("MesosHTTPSOn", c.mesosHttpsOn());
            json.writeStringField("CACertFile", c.caCertFile());
            json.writeStringField("CertFile", c.certFile());
            json.writeStringField("KeyFile", c.keyFile());
            Config.Credentials masked = c.mesosCredentials().masked();
            json.writeObjectFieldStart("MesosCredentials");
            json.writeStringField("Principal", masked.principal());
            json.writeStringField("Secret", masked.secret());
            json.writeEndObject();
            json.writeStringField("IAMConfigFile", c.iamConfigFile());
            json.writeStringField("MesosAuthentication", c.mesosAuthentication());
            json.writeEndObject();
        });
    }

    /** {@code /v1/axfr}: the SOA fields and every A, AAAA and SRV value of {@code snapshot}, owners sorted. */
    static byte[] axfr(Config c, Snapshot snapshot) {
        RecordSet records = snapshot.records();
        return GoJson.write(json -> {
            json.writeStartObject();
            json.writeNumberField("TTL", c.ttl());
            json.writeNumberField("Serial", snapshot.serial());
            json.writeNumberField("RefreshSeconds", c.refreshSeconds());
            json.writeStringField("Mname", c.soaMname());
            json.writeStringField("Rname", c.soaRname());
            json.writeStringField("Domain", c.domain());
            json.writeObjectFieldStart("Records");
            valuesByName(json, "As", records.a());
            valuesByName(json, "AAAAs", records.aaaa());
            valuesByName(json, "SRVs", records.srv());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void valuesByName(JsonGenerator json, String field, Map<String, ? extends List<?>> byName)
            throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, ? extends List<?>> e : new TreeMap<>(byName).entrySet()) {
            json.writeArrayFieldStart(e.getKey());
            for (Object value : e.getValue()) {
                json.writeString(value.toString());
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /**
     * {@code /v1/enumerate} (spec 6.10): every framework in state order with its tasks and the records each task
     * added; lists are {@code []} when empty, never null (QUIRK 16, see docs/compatibility.md).
     */
    static byte[] enumerate(Snapshot snapshot) {
        List<RecordSet.EnumFramework> frameworks = snapshot.records().enumeration();
        return GoJson.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("frameworks");
            for (RecordSet.EnumFramework f : frameworks) {
                json.writeStartObject();
                json.writeArrayFieldStart("tasks");
                for (RecordSet.EnumTask t : f.tasks()) {
                    json.writeStartObject();
                    json.writeStringField("name", t.name());
                    json.writeStringField("id", t.id());
                    json.writeArrayFieldStart("records");
                    for (RecordSet.EnumRecord r : t.records()) {
                        json.writeStartObject();
                        json.writeStringField("name", r.name());
                        json.writeStringField("host", r.host());
                        json.writeStringField("rtype", r.rtype());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeStringField("name", f.name());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
