package io.ces.infrastructure.cache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.cache.HazelcastMemberCachingProvider;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * This replica's Hazelcast member and the JCache manager on top of it.
 *
 * <p>With no {@code ces.cache.members} the member stands alone (the single-member default). With a list it joins
 * those members over TCP/IP; with {@code ces.cache.kubernetes.enabled} it discovers its peers through the
 * Kubernetes API instead (a headless service in front of the pods). Multicast is never used.
 */
@ApplicationScoped
public class HazelcastMember {

    private static final Logger LOG = Logger.getLogger(HazelcastMember.class.getName());

    @Inject
    @ConfigProperty(name = "ces.cache.cluster-name", defaultValue = "ces")
    String clusterName;

    @Inject
    @ConfigProperty(name = "ces.cache.port", defaultValue = "5701")
    int port;

    @Inject
    @ConfigProperty(name = "ces.cache.members")
    Optional<List<String>> members;

    @Inject
    @ConfigProperty(name = "ces.cache.kubernetes.enabled", defaultValue = "false")
    boolean kubernetes;

    @Inject
    @ConfigProperty(name = "ces.cache.kubernetes.service-dns")
    Optional<String> kubernetesServiceDns;

    @Inject
    @ConfigProperty(name = "ces.replica.id")
    String replicaId;

    private HazelcastInstance instance;
    private CacheManager cacheManager;

    @PostConstruct
    void start() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("ces-" + replicaId);
        // Cached values are CES classes: deserialize them with the application's class loader.
        config.setClassLoader(HazelcastMember.class.getClassLoader());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> peers = members.orElse(List.of()).stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
        if (kubernetes) {
            join.getKubernetesConfig().setEnabled(true);
            kubernetesServiceDns.ifPresent(dns -> join.getKubernetesConfig().setProperty("service-dns", dns));
        } else if (!peers.isEmpty()) {
            join.getTcpIpConfig().setEnabled(true).setMembers(peers);
        }
        instance = Hazelcast.newHazelcastInstance(config);
        CachingProvider provider = Caching.getCachingProvider(HazelcastMemberCachingProvider.class.getName(),
                HazelcastMember.class.getClassLoader());
        cacheManager = provider.getCacheManager(null, HazelcastMember.class.getClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(instance));
        LOG.info("CES0401I: cache member " + instance.getCluster().getLocalMember().getAddress() + " of cluster "
                + clusterName + ", " + instance.getCluster().getMembers().size() + " member(s)");
    }

    /** Joins the cluster at startup, not at the first session, so that a misconfiguration shows at once. */
    void joinAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing creates the bean, and @PostConstruct joins
    }

    @PreDestroy
    void stop() {
        if (instance != null) {
            instance.shutdown();
        }
    }

    public CacheManager cacheManager() {
        return cacheManager;
    }

    /**
     * A cache keyed by text whose entries expire {@code lifetime} after they were written: the claims, marks and
     * answers CES shares between replicas. Their number follows traffic, not sessions, so it keeps Hazelcast's bound
     * of 10,000 entries per member, beyond which the least recently used go first: losing one costs a repeated
     * lookup or claim, never a session.
     */
    public <V> ICache<String, V> expiringCache(String name, Class<V> valueType, java.time.Duration lifetime) {
        return open(name, new MutableConfiguration<String, V>().setTypes(String.class, valueType)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new CreatedExpiryPolicy(
                        new Duration(TimeUnit.SECONDS, lifetime.toSeconds())))));
    }

    /**
     * The named cache, created with this configuration and without eviction if no member created it yet: for state
     * whose size follows the sessions and rooms in use (sessions, presence, rate-limit buckets), bounded by its
     * entries' expiry. Hazelcast's own interface is answered because CES needs what JCache cannot say, such as a
     * per-entry expiry on a conditional write.
     */
    public <K, V> ICache<K, V> cache(String name, MutableConfiguration<K, V> configuration) {
        return open(name, withoutEviction(configuration));
    }

    @SuppressWarnings("unchecked")
    private <K, V> ICache<K, V> open(String name, CompleteConfiguration<K, V> configuration) {
        Cache<K, V> cache = cacheManager.getCache(name, configuration.getKeyType(), configuration.getValueType());
        if (cache == null) {
            try {
                cache = cacheManager.createCache(name, configuration);
            } catch (javax.cache.CacheException createdMeanwhile) {
                cache = cacheManager.getCache(name, configuration.getKeyType(), configuration.getValueType());
            }
        }
        return cache.unwrap(ICache.class);
    }

    /**
     * The configuration with Hazelcast's eviction off. Its default for a cache evicts the least recently used entries
     * beyond 10,000 per member, which silently dropped the shared state of sessions beyond that: a resume on
     * another replica failed, and every heartbeat wrote them again.
     */
    static <K, V> CacheConfig<K, V> withoutEviction(MutableConfiguration<K, V> configuration) {
        return new CacheConfig<>(configuration).setEvictionConfig(new EvictionConfig()
                .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(Integer.MAX_VALUE));
    }

    /**
     * The named Hazelcast map that keeps its values as objects, for what JCache cannot do in one operation: an entry
     * processor over many keys that changes its values in place (the idempotency window's batches) without
     * serializing them on the member that owns them. Its configuration is added to the running cluster; a member
     * that configured the name first otherwise keeps its settings.
     */
    public <K, V> IMap<K, V> objectMap(String name) {
        try {
            instance.getConfig().addMapConfig(new MapConfig(name).setInMemoryFormat(InMemoryFormat.OBJECT));
        } catch (InvalidConfigurationException configuredOtherwise) {
            LOG.warning("CES0403W: the cache map " + name + " keeps the settings another replica gave it: "
                    + configuredOtherwise.getMessage());
        }
        return instance.getMap(name);
    }

    /** Whether this member runs and its cluster accepts writes (not frozen or passive, e.g. during a shutdown). */
    public boolean isHealthy() {
        return instance != null && instance.getLifecycleService().isRunning()
                && instance.getCluster().getClusterState() == com.hazelcast.cluster.ClusterState.ACTIVE;
    }

    /** This member's address, as the other members reach it. */
    public String address() {
        return instance.getCluster().getLocalMember().getAddress().toString();
    }

    /** How many members the cache cluster has now, this one included. */
    public int clusterSize() {
        return instance.getCluster().getMembers().size();
    }
}
