package io.lodestar.mesos;

import static io.lodestar.mesos.JsonValues.list;
import static io.lodestar.mesos.JsonValues.nextField;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parts of a task that {@link StateEntryReader} hands over, from a stream and as {@link Entries} reads
 * them from a tree: statuses with their network infos, DiscoveryInfo, labels. Each method starts on the value's
 * first token and leaves the parser on its last one; a repeated field counts with its last value. Strings are
 * deduplicated ({@link StringCache}) for the length of one document.
 */
final class TaskPartsReader {
    /** DiscoveryInfo as read, before the task it belongs to is checked: null info when it has no name. */
    record Discovery(MesosState.Discovery info, int malformedPorts) {
    }

    private static final MesosState.NetworkInfo EMPTY_NETWORK = new MesosState.NetworkInfo("", List.of(), List.of());
    /** Stands for a discovery port without a usable number while the ports are read. */
    private static final MesosState.DiscoveryPort MALFORMED_PORT =
            new MesosState.DiscoveryPort(-1, "", "", List.of());

    private final StringCache strings = new StringCache();
    private final JsonValues.ElementReader<MesosState.Status> statusReader = this::status;
    private final JsonValues.ElementReader<MesosState.NetworkInfo> networkInfoReader = this::networkInfo;
    private final JsonValues.ElementReader<String> ipAddressReader = this::ipAddress;
    private final JsonValues.ElementReader<MesosState.DiscoveryPort> discoveryPortReader = this::discoveryPort;
    private final JsonValues.ElementReader<MesosState.Label> labelReader = this::label;

    /** The text of the current value ({@link JsonValues#text}), a repeated string once. */
    String text(JsonParser p) throws IOException {
        return JsonValues.text(p, strings);
    }

    /** The text of the current value when it never repeats (a task id): not looked up. */
    String uniqueText(JsonParser p) throws IOException {
        return JsonValues.text(p, null);
    }

    /** A task's {@code statuses}: each element that is an object. */
    List<MesosState.Status> statuses(JsonParser p) throws IOException {
        return list(p, statusReader);
    }

    private MesosState.Status status(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String state = "";
        double timestamp = 0;
        Boolean healthy = null;
        List<MesosState.Label> labels = List.of();
        List<MesosState.NetworkInfo> networks = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "state" -> state = text(p);
                case "timestamp" -> timestamp = JsonValues.number(p);
                case "healthy" -> healthy = JsonValues.bool(p);
                case "labels" -> labels = labels(p);
                case "container_status" -> networks = containerStatus(p);
                default -> p.skipChildren();
            }
        }
        return new MesosState.Status(state, timestamp, healthy, labels, networks);
    }

    /** {@code container_status.network_infos}: every element, an empty network info for one that is no object. */
    private List<MesosState.NetworkInfo> containerStatus(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return List.of();
        }
        List<MesosState.NetworkInfo> networks = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("network_infos")) {
                networks = list(p, networkInfoReader);
            } else {
                p.skipChildren();
            }
        }
        return networks;
    }

    /** The addresses of {@code ip_addresses}, else the legacy {@code ip_address}. */
    private MesosState.NetworkInfo networkInfo(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return EMPTY_NETWORK;
        }
        String name = "";
        List<String> ips = List.of();
        String legacy = "";
        List<MesosState.Label> labels = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "name" -> name = text(p);
                case "ip_addresses" -> ips = list(p, ipAddressReader);
                case "ip_address" -> legacy = text(p);
                case "labels" -> labels = labels(p);
                default -> p.skipChildren();
            }
        }
        if (ips.isEmpty() && !legacy.isEmpty()) {
            ips = List.of(legacy);
        }
        return new MesosState.NetworkInfo(name, ips, labels);
    }

    /** One of {@code ip_addresses}: its {@code ip_address}, or null when it has none. */
    private String ipAddress(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String ip = "";
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("ip_address")) {
                ip = text(p);
            } else {
                p.skipChildren();
            }
        }
        return ip.isEmpty() ? null : ip;
    }

    /** A task's {@code discovery}; null when it is no object. Ports are counted as malformed only with a name. */
    Discovery discovery(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String name = "";
        String visibility = "";
        List<MesosState.DiscoveryPort> ports = List.of();
        List<MesosState.Label> labels = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "name" -> name = text(p);
                case "visibility" -> visibility = text(p);
                case "labels" -> labels = labels(p);
                case "ports" -> ports = discoveryPorts(p);
                default -> p.skipChildren();
            }
        }
        if (name.isEmpty()) {
            return new Discovery(null, 0); // a DiscoveryInfo without a name is treated as absent (spec 6.8.1)
        }
        int malformed = 0;
        for (MesosState.DiscoveryPort port : ports) {
            if (port == MALFORMED_PORT) {
                malformed++;
            }
        }
        List<MesosState.DiscoveryPort> usable = ports;
        if (malformed > 0) {
            usable = new ArrayList<>(ports.size());
            for (MesosState.DiscoveryPort port : ports) {
                if (port != MALFORMED_PORT) {
                    usable.add(port);
                }
            }
        }
        return new Discovery(new MesosState.Discovery(name, visibility, usable, labels), malformed);
    }

    /** {@code discovery.ports.ports}, {@link #MALFORMED_PORT} for each one without a usable number. */
    private List<MesosState.DiscoveryPort> discoveryPorts(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return List.of();
        }
        List<MesosState.DiscoveryPort> ports = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("ports")) {
                ports = list(p, discoveryPortReader);
            } else {
                p.skipChildren();
            }
        }
        return ports;
    }

    private MesosState.DiscoveryPort discoveryPort(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return MALFORMED_PORT;
        }
        int number = -1;
        String protocol = "";
        String name = "";
        List<MesosState.Label> labels = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "number" -> number = JsonValues.port(p);
                case "protocol" -> protocol = text(p);
                case "name" -> name = text(p);
                case "labels" -> labels = labels(p);
                default -> p.skipChildren();
            }
        }
        return number < 0 ? MALFORMED_PORT : new MesosState.DiscoveryPort(number, protocol, name, labels);
    }

    /** Labels as Mesos writes them: a list of {key, value}, or an object {"labels": [...]}. */
    List<MesosState.Label> labels(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return labelList(p);
        }
        List<MesosState.Label> labels = List.of();
        for (String field; (field = nextField(p)) != null; ) {
            if (field.equals("labels")) {
                labels = labelList(p);
            } else {
                p.skipChildren();
            }
        }
        return labels;
    }

    /** An array of {key, value}; entries without a key are left out, any other value gives none. */
    private List<MesosState.Label> labelList(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        return list(p, labelReader);
    }

    private MesosState.Label label(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String key = "";
        String value = "";
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "key" -> key = text(p);
                case "value" -> value = text(p);
                default -> p.skipChildren();
            }
        }
        return key.isEmpty() ? null : new MesosState.Label(key, value);
    }
}
