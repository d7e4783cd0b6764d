package io.lodestar.records;

import io.lodestar.config.Config;
import io.lodestar.mesos.MesosState;
import io.lodestar.mesos.SkipReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mesos-DNS's record generation (spec section 6), as a pure function of (state, config, context): framework,
 * agent, listener, master and task records, in upstream's order, plus enumeration data.
 *
 * <p>Deliberate fixes, each in {@code docs/compatibility.md}: the verbatim DiscoveryInfo pass only for valid
 * names (QUIRK 5); unresolvable hostnames give no records (QUIRK 6/7); no label ends with {@code -} or exceeds 63
 * bytes (QUIRK 8); enumeration lists are never null (QUIRK 16). Names that would not fit the wire are skipped and
 * counted, never published.
 *
 * <p>Beyond Mesos-DNS, each behind its own key (docs/naming.md): PTR records ({@code reverseLookups}), the health
 * filter ({@code healthyTasksOnly}), preferred task addresses, the DC/OS names ({@code dcosZones}) and named VIPs
 * ({@code dcosVips}). They come after the Mesos-DNS records and never change those.
 */
public final class RecordBuilder {
    private final Config config;
    private final Labels labels;
    private final String domain;

    public RecordBuilder(Config config) {
        this.config = config;
        this.labels = Labels.of(config.enforceRfc952());
        this.domain = config.domainFqdn();
    }

    /** Builds every record for the state. Never throws for a parsed state; problems are counted in {@code skipped}. */
    public RecordSet build(MesosState state, BuildContext ctx) {
        RecordSet.Builder records = RecordSet.builder();
        SkipReport.Collector skips = new SkipReport.Collector();
        RecordEmitter out = new RecordEmitter(records, skips);
        ReverseNames reverse = ReverseNames.of(config.reverseLookups());

        addFrameworks(out, state, ctx.hosts(), reverse);
        Map<String, List<IpLiteral>> agentIps = addAgents(out, state, ctx.hosts(), reverse);
        addListener(out, ctx);
        MasterRecords.add(out, domain, state.leader(), ctx.masters(), ctx.hosts(), reverse);
        List<RecordSet.EnumFramework> enumeration = new ArrayList<>();
        TaskRecords tasks = new TaskRecords(config, labels, out, reverse);
        for (MesosState.Framework fw : state.frameworks()) {
            enumeration.add(tasks.add(fw, agentIps));
        }
        if (config.dcosZones()) {
            DcosRecords dcos = new DcosRecords(out);
            dcos.addMasters(domain);
            dcos.addMirror(domain);
        }
        reverse.emit(out, config.reverseMaxNames());
        return records.enumeration(enumeration).skipped(state.skipped().plus(skips.report())).build();
    }

    /** Spec 6.4: {@code F.domain} A/AAAA to the scheduler's addresses and {@code _framework._tcp.F.domain} SRV. */
    private void addFrameworks(RecordEmitter out, MesosState state, HostTable hosts, ReverseNames reverse) {
        for (MesosState.Framework fw : state.frameworks()) {
            String f = labels.domainFrag(fw.name());
            if (f.isEmpty()) {
                continue; // counted once per framework by TaskRecords
            }
            String host = fw.pid() != null ? fw.pid().host() : fw.hostname();
            if (host == null || host.isEmpty()) {
                continue;
            }
            List<IpLiteral> ips = hosts.lookup(host);
            if (ips.isEmpty()) {
                out.skip("framework: hostname did not resolve", host);
                continue;
            }
            String name = f + "." + domain;
            for (IpLiteral ip : ips) {
                out.addIp(name, ip);
            }
            reverse.addAll(ips, name, ReverseNames.Kind.FRAMEWORK);
            if (fw.pid() != null) {
                out.addSrv("_framework._tcp." + name, name, fw.pid().port());
            }
        }
    }

    /**
     * Spec 6.5: {@code slave.domain} and {@code _slave._tcp.domain}; returns the agents' addresses by id. An agent
     * address points back at the agent's own host name (when the state gives one) and at {@code slave.domain}.
     */
    private Map<String, List<IpLiteral>> addAgents(RecordEmitter out, MesosState state, HostTable hosts,
                                                   ReverseNames reverse) {
        Map<String, List<IpLiteral>> agentIps = new HashMap<>();
        String slave = "slave." + domain;
        for (MesosState.Agent agent : state.agents()) {
            List<IpLiteral> ips = agent.pid() == null ? List.of() : hosts.lookup(agent.pid().host());
            if (agent.pid() != null && ips.isEmpty()) {
                out.skip("agent: hostname did not resolve", agent.pid().host());
            }
            for (IpLiteral ip : ips) {
                out.addIp(slave, ip);
            }
            String hostname = agent.hostname() == null ? "" : agent.hostname().toLowerCase(Locale.ROOT);
            if (DnsNames.isHostname(hostname) && !IpLiteral.isIp(hostname)) {
                reverse.addAll(ips, hostname + ".", ReverseNames.Kind.AGENT);
            }
            reverse.addAll(ips, slave, ReverseNames.Kind.AGENT);
            if (!ips.isEmpty()) {
                out.addSrv("_slave._tcp." + domain, slave, agent.pid().port());
            }
            agentIps.put(agent.id(), ips);
        }
        return agentIps;
    }

    /** Spec 6.6: the server's own addresses under {@code SOAMname}. */
    private void addListener(RecordEmitter out, BuildContext ctx) {
        String owner = config.soaMname().toLowerCase(Locale.ROOT);
        String listener = config.listener();
        List<String> addresses = listener.equals("0.0.0.0") || listener.equals("::") ? ctx.localAddresses() : List.of(listener);
        for (String a : addresses) {
            IpLiteral ip = IpLiteral.parse(a);
            if (ip != null) {
                out.addIp(owner, ip);
            }
        }
    }
}
