package io.ces.infrastructure.cache;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;

/**
 * The configuration of Hazelcast members that the cache tests start in their own JVM: bound to 127.0.0.1, found
 * by TCP on a few fixed ports (no multicast, no cloud discovery), quiet, and in a cluster of the test's own.
 */
final class LocalMembers {

    private LocalMembers() {
    }

    /** A member of the cluster {@code name}, listening on {@code firstPort} or the next free of {@code members}. */
    static Config config(String name, int firstPort, int members) {
        Config config = new Config().setClusterName(name + "-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        NetworkConfig network = config.getNetworkConfig().setPort(firstPort).setPortAutoIncrement(true)
                .setPortCount(members);
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcp = network.getJoin().getTcpIpConfig().setEnabled(true);
        for (int port = firstPort; port < firstPort + members; port++) {
            tcp.addMember("127.0.0.1:" + port);
        }
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        return config;
    }
}
