package io.ces.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * The container image and the Kubernetes manifests agree with the application they deploy: the ports of
 * {@code server.xml}, the cache port of {@code microprofile-config.properties}, the settings documented in
 * {@code docs/configuration.md}, the Secrets documented in {@code kubernetes/README.md}, and the mpHealth paths.
 * Nothing here runs a cluster or a container engine; a mismatch found here would only show in a cluster.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("kubernetes");
    private static final Path SERVER_XML = Path.of("src/main/liberty/config/server.xml");
    private static final Path APP_DEFAULTS = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path CONFIGURATION_DOC = Path.of("docs/configuration.md");
    private static final Path MANIFESTS_README = MANIFESTS.resolve("README.md");
    private static final Path DOCKERFILE = Path.of("Dockerfile");

    private static final Map<String, String> HEALTH_PATHS = Map.of(
            "startupProbe", "/health/started", "livenessProbe", "/health/live", "readinessProbe", "/health/ready");
    /** The same probes as the Open Liberty Operator names them under spec.probes. */
    private static final Map<String, String> OPERATOR_PROBES = Map.of(
            "startup", "startupProbe", "liveness", "livenessProbe", "readiness", "readinessProbe");
    /** The keystore of server.xml's defaultKeyStore without a location, in the Open Liberty image. */
    private static final String DEFAULT_KEYSTORE = "/output/resources/security/key.p12";

    /** One YAML document and the file it came from, for messages that say where to look. */
    record Manifest(Path file, Map<String, Object> doc) {
        String kind() {
            return String.valueOf(doc.get("kind"));
        }

        String name() {
            return doc.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : null;
        }

        @Override
        public String toString() {
            return file + " (" + kind() + " " + name() + ")";
        }
    }

    private static List<Manifest> manifests;
    private static int httpPort;
    private static int httpsPort;
    private static int cachePort;
    private static String webApplicationLocation;
    private static Properties appDefaults;

    @BeforeAll
    static void load() throws Exception {
        manifests = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MANIFESTS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                    .toList();
        }
        assertFalse(files.isEmpty(), "no YAML files under " + MANIFESTS.toAbsolutePath());
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object doc : new Yaml().loadAll(reader)) {
                    if (doc == null) {
                        continue;
                    }
                    assertInstanceOf(Map.class, doc, file + ": a YAML document that is not a mapping");
                    manifests.add(new Manifest(file, stringKeyed(doc)));
                }
            }
        }

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document serverXml = factory.newDocumentBuilder().parse(SERVER_XML.toFile());
        httpPort = Integer.parseInt(variableDefault(serverXml, "http.port"));
        httpsPort = Integer.parseInt(variableDefault(serverXml, "https.port"));
        NodeList apps = serverXml.getElementsByTagName("webApplication");
        assertEquals(1, apps.getLength(), SERVER_XML + " should deploy exactly one webApplication");
        webApplicationLocation = ((Element) apps.item(0)).getAttribute("location");

        appDefaults = new Properties();
        try (Reader reader = Files.newBufferedReader(APP_DEFAULTS)) {
            appDefaults.load(reader);
        }
        String cachePortDefault = appDefaults.getProperty("ces.cache.port");
        assertNotNull(cachePortDefault, APP_DEFAULTS + " has no ces.cache.port");
        cachePort = Integer.parseInt(cachePortDefault.trim());
    }

    // --- every manifest --------------------------------------------------------------------------------------

    @Test
    void everyResourceHasAnApiVersionAKindAndAName() {
        for (Manifest m : resources()) {
            assertTrue(m.doc().get("apiVersion") instanceof String s && !s.isBlank(), m.file() + ": no apiVersion");
            assertTrue(m.doc().get("kind") instanceof String s && !s.isBlank(), m.file() + ": no kind");
            assertTrue(m.name() != null && !m.name().isBlank() && !"null".equals(m.name()),
                    m.file() + ": no metadata.name");
        }
    }

    @Test
    void theKustomizationListsEveryManifestOfItsFolderAndNothingElse() throws IOException {
        Manifest kustomization = single("Kustomization");
        Set<String> listed = new TreeSet<>(strings(at(kustomization, "resources", List.class)));
        Set<String> present;
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed, kustomization.file() + " resources should be exactly the manifests beside it");

        List<Map<String, Object>> images = maps(at(kustomization, "images", List.class));
        Set<String> imageNames = images.stream().map(i -> String.valueOf(i.get("name"))).collect(Collectors.toSet());
        assertTrue(imageNames.contains(String.valueOf(container().get("image"))), kustomization.file()
                + " images should set the Deployment's image '" + container().get("image") + "', but names "
                + imageNames);
    }

    @Test
    void noSecretValueIsCommitted() {
        for (Manifest m : manifests) {
            assertNotEquals("Secret", m.kind(), m + ": Secrets are created in the cluster, never committed");
        }
    }

    // --- Deployment ------------------------------------------------------------------------------------------

    @Test
    void theProbesAskTheMpHealthPathsOnTheHttpPortOfServerXml() {
        Map<String, Object> container = container();
        for (Map.Entry<String, String> probe : HEALTH_PATHS.entrySet()) {
            Map<String, Object> httpGet = at(container, probe.getKey() + ".httpGet", Map.class, "the ces container");
            assertEquals(probe.getValue(), httpGet.get("path"), "path of the Deployment's " + probe.getKey());
            assertEquals(httpPort, containerPort(httpGet.get("port")), "the Deployment's " + probe.getKey()
                    + " should ask http.port of " + SERVER_XML);
        }
    }

    @Test
    void theContainerPortsAreThoseOfServerXmlAndTheCachePort() {
        Map<String, Integer> ports = namedContainerPorts();
        assertEquals(Map.of("http", httpPort, "https", httpsPort, "hazelcast", cachePort), ports,
                "container ports by name: http.port and https.port of " + SERVER_XML + ", ces.cache.port of "
                        + APP_DEFAULTS);
    }

    @Test
    void eachPodIsAReplicaNamedByItsHostname() {
        assertEquals("${HOSTNAME:ces-1}", appDefaults.getProperty("ces.replica.id"),
                "the replica id default this deployment relies on");
        Set<String> envNames = env(container()).stream().map(e -> String.valueOf(e.get("name")))
                .collect(Collectors.toSet());
        assertFalse(envNames.contains("CES_REPLICA_ID"), "CES_REPLICA_ID would give every pod the same replica id");
        assertFalse(envNames.contains("HOSTNAME"), "HOSTNAME must stay the pod name");
        assertFalse(configMapData().containsKey("CES_REPLICA_ID"),
                "CES_REPLICA_ID in the ConfigMap would give every pod the same replica id, so they would share "
                        + "one consumer group and split the partitions");
    }

    @Test
    void theReplicasRunAsNonRootWithResourcesAndTimeToStop() {
        Manifest deployment = deployment();
        Map<String, Object> pod = at(deployment, "spec.template.spec", Map.class);
        Map<String, Object> container = container();
        boolean nonRoot = pod.get("securityContext") instanceof Map<?, ?> podContext
                        && Boolean.TRUE.equals(podContext.get("runAsNonRoot"))
                || container.get("securityContext") instanceof Map<?, ?> sc
                        && Boolean.TRUE.equals(sc.get("runAsNonRoot"));
        assertTrue(nonRoot, deployment + ": runAsNonRoot should be true");
        assertInstanceOf(Integer.class, pod.get("terminationGracePeriodSeconds"),
                deployment + ": terminationGracePeriodSeconds should be set");
        assertTrue((Integer) pod.get("terminationGracePeriodSeconds") >= 30,
                deployment + ": SIGTERM needs time to close every socket with 1012 and hand over cache entries");
        for (String bound : List.of("requests", "limits")) {
            Map<String, Object> resources = at(container, "resources." + bound, Map.class, "the ces container");
            assertTrue(resources.containsKey("cpu") && resources.containsKey("memory"),
                    deployment + ": resources." + bound + " should set cpu and memory, has " + resources.keySet());
        }
    }

    // --- Services, autoscaler, disruption budget, network policy ---------------------------------------------

    @Test
    void theServicesSelectTheDeploymentsPodsAndTheirPorts() {
        List<Manifest> services = all("Service");
        assertEquals(2, services.size(), "a client Service and a headless Service for Hazelcast: " + services);
        for (Manifest service : services) {
            assertSelectsPods(service, at(service, "spec.selector", Map.class));
            for (Map<String, Object> port : maps(at(service, "spec.ports", List.class))) {
                Object target = port.getOrDefault("targetPort", port.get("port"));
                assertEquals(port.get("port"), containerPort(target),
                        service + ": port " + port.get("name") + " should reach the container port of that number");
            }
        }
        Manifest clients = services.stream().filter(s -> !"None".equals(at(s, "spec", Map.class).get("clusterIP")))
                .findFirst().orElseThrow(() -> new AssertionError("no Service for clients (not headless)"));
        assertEquals(Set.of(httpPort, httpsPort), servicePorts(clients), clients + ": the HTTP and HTTPS ports");
    }

    @Test
    void theHeadlessServiceServesTheCachePortAndIsTheOneTheMembersLookUp() {
        Manifest headless = all("Service").stream()
                .filter(s -> "None".equals(at(s, "spec", Map.class).get("clusterIP"))).findFirst()
                .orElseThrow(() -> new AssertionError("no headless Service (clusterIP: None) for Hazelcast discovery"));
        assertEquals(Set.of(cachePort), servicePorts(headless), headless + ": only the cache port");
        assertEquals(Boolean.TRUE, at(headless, "spec", Map.class).get("publishNotReadyAddresses"),
                headless + ": members must find each other before they are ready");

        assertEquals("true", configMapData().get("CES_CACHE_KUBERNETES_ENABLED"),
                "the ConfigMap should turn on Kubernetes discovery (ces.cache.kubernetes.enabled)");
        String serviceDns = envValue(container(), "CES_CACHE_KUBERNETES_SERVICE_DNS");
        assertNotNull(serviceDns, "the Deployment should set CES_CACHE_KUBERNETES_SERVICE_DNS");
        assertTrue(serviceDns.startsWith(headless.name() + "."),
                "CES_CACHE_KUBERNETES_SERVICE_DNS '" + serviceDns + "' should name " + headless);
    }

    @Test
    void theAutoscalerScalesTheDeploymentOnCpuFromTwoReplicas() {
        Manifest hpa = single("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.doc().get("apiVersion"), hpa.toString());
        Map<String, Object> target = at(hpa, "spec.scaleTargetRef", Map.class);
        assertEquals("Deployment", target.get("kind"), hpa + ": scaleTargetRef.kind");
        assertEquals(deployment().name(), target.get("name"), hpa + ": scaleTargetRef.name");
        int min = at(hpa, "spec.minReplicas", Integer.class);
        int max = at(hpa, "spec.maxReplicas", Integer.class);
        assertTrue(min >= 2, hpa + ": with one replica, its restart loses every session");
        assertTrue(max >= min, hpa + ": maxReplicas below minReplicas");
        int replicas = at(deployment(), "spec.replicas", Integer.class);
        assertTrue(replicas >= min && replicas <= max, deployment() + ": replicas " + replicas + " outside "
                + min + ".." + max);
        List<String> resources = maps(at(hpa, "spec.metrics", List.class)).stream()
                .map(m -> m.get("resource") instanceof Map<?, ?> r ? String.valueOf(r.get("name")) : null).toList();
        assertTrue(resources.contains("cpu"), hpa + ": should scale on CPU, scales on " + resources);
    }

    @Test
    void theDisruptionBudgetLetsOneReplicaGoAtATime() {
        Manifest pdb = single("PodDisruptionBudget");
        assertEquals("policy/v1", pdb.doc().get("apiVersion"), pdb.toString());
        assertSelectsPods(pdb, at(pdb, "spec.selector.matchLabels", Map.class));
        assertEquals(1, at(pdb, "spec", Map.class).get("maxUnavailable"),
                pdb + ": the cache keeps one backup, so it survives the loss of one member at a time");
    }

    @Test
    void theNetworkPolicyOpensHttpToAllButTheCachePortOnlyToCesPods() {
        Manifest policy = single("NetworkPolicy");
        assertSelectsPods(policy, at(policy, "spec.podSelector.matchLabels", Map.class));
        assertEquals(Set.of("Ingress", "Egress"), new TreeSet<>(strings(at(policy, "spec.policyTypes", List.class))),
                policy + ": policyTypes");

        Set<Integer> openToAll = new TreeSet<>();
        boolean cachePortOpenToMembers = false;
        for (Map<String, Object> rule : maps(at(policy, "spec.ingress", List.class))) {
            Set<Integer> ports = ruleTcpPorts(rule);
            if (rule.get("from") == null) {
                openToAll.addAll(ports);
            } else if (ports.contains(cachePort)) {
                cachePortOpenToMembers = true;
                for (Map<String, Object> peer : maps(rule.get("from"))) {
                    assertEquals(Set.of("podSelector"), peer.keySet(),
                            policy + ": the cache port should be open to CES pods only, not to " + peer);
                    assertSelectsPods(policy, at(peer, "podSelector.matchLabels", Map.class, "ingress peer"));
                }
            }
        }
        assertEquals(Set.of(httpPort, httpsPort), openToAll, policy + ": ports open to any client");
        assertTrue(cachePortOpenToMembers, policy + ": the cache port " + cachePort + " should be open to CES pods");

        List<Map<String, Object>> egress = maps(at(policy, "spec.egress", List.class));
        Set<Integer> egressPorts = egress.stream().flatMap(r -> rulePorts(r).stream()).collect(Collectors.toSet());
        assertTrue(egressPorts.contains(53), policy + ": egress to DNS (53) is needed for every lookup");
        for (String bootstrap : String.valueOf(configMapData().get("CES_KAFKA_BOOTSTRAP_SERVERS")).split(",")) {
            int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1).trim());
            assertTrue(egressPorts.contains(kafkaPort), policy + ": no egress to the Kafka port of " + bootstrap);
        }
        boolean membersReachable = egress.stream().anyMatch(r -> ruleTcpPorts(r).contains(cachePort)
                && r.get("to") != null);
        assertTrue(membersReachable, policy + ": members must reach each other's cache port");
    }

    // --- configuration and Secrets ---------------------------------------------------------------------------

    @Test
    void theConfigMapSetsOnlyDocumentedSettingsAndNoSecrets() throws IOException {
        Set<String> documented = documentedEnvironmentVariables();
        Map<String, Object> data = configMapData();
        for (String name : data.keySet()) {
            assertTrue(documented.contains(name), name + " in the ConfigMap is not an environment variable of "
                    + CONFIGURATION_DOC);
            assertFalse(name.contains("PASSWORD") || name.contains("SECRET"),
                    name + " belongs in a Secret, not in the ConfigMap");
        }
        assertNotEquals("true", data.get("CES_DEV_ENABLED"), "demo mode lets anyone mint tokens");
        if (data.containsKey("CES_CACHE_PORT")) {
            assertEquals(String.valueOf(cachePort), data.get("CES_CACHE_PORT"), "the container's hazelcast port");
        }
        for (Map<String, Object> var : env(container())) {
            String name = String.valueOf(var.get("name"));
            if (name.startsWith("CES_") || name.startsWith("MP_")) {
                assertTrue(documented.contains(name), name + " in the Deployment is not an environment variable of "
                        + CONFIGURATION_DOC);
            }
        }
        List<Map<String, Object>> envFrom = maps(container().get("envFrom"));
        assertTrue(envFrom.stream().anyMatch(e -> e.get("configMapRef") instanceof Map<?, ?> ref
                && single("ConfigMap").name().equals(ref.get("name"))), "the Deployment should take its env from "
                + single("ConfigMap"));
    }

    @Test
    void theKeysComeFromTheirSecrets() {
        Map<String, Object> keystorePassword = env(container()).stream()
                .filter(e -> "CES_KEYSTORE_PASSWORD".equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("the Deployment should set CES_KEYSTORE_PASSWORD"));
        assertNotNull(keystorePassword.get("valueFrom") instanceof Map<?, ?> from ? from.get("secretKeyRef") : null,
                "CES_KEYSTORE_PASSWORD should come from a Secret");

        Map<String, String> secretByMountPath = secretMounts(deployment());
        assertEquals("ces-tls", secretByMountPath.get(DEFAULT_KEYSTORE),
                "the ces-tls Secret should be mounted where Liberty's defaultKeyStore is: " + DEFAULT_KEYSTORE
                        + "; mounts: " + secretByMountPath);

        String keyLocation = String.valueOf(configMapData().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        boolean inJwtSecret = secretByMountPath.entrySet().stream().anyMatch(
                m -> "ces-jwt".equals(m.getValue()) && keyLocation.startsWith(m.getKey() + "/"));
        assertTrue(inJwtSecret, "MP_JWT_VERIFY_PUBLICKEY_LOCATION '" + keyLocation
                + "' should name a file of the mounted ces-jwt Secret; mounts: " + secretByMountPath);
    }

    @Test
    void everySecretReferencedIsDocumentedWithItsKey() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (List<String> row : tableRows(MANIFESTS_README, "Secret", "Key")) {
            documented.add(row.get(0) + "/" + row.get(1));
        }
        assertFalse(documented.isEmpty(), MANIFESTS_README + " should have a table with Secret and Key columns");

        Set<String> deploymentRefs = secretReferences(pod(deployment()), container());
        assertEquals(deploymentRefs, documented,
                MANIFESTS_README + " should document exactly the Secrets and keys the Deployment references");
        Manifest olApp = single("OpenLibertyApplication");
        Map<String, Object> spec = at(olApp, "spec", Map.class);
        assertEquals(documented, secretReferences(spec, spec),
                olApp + " should reference exactly the Secrets and keys " + MANIFESTS_README + " documents");
    }

    // --- Open Liberty Operator -------------------------------------------------------------------------------

    @Test
    void theOpenLibertyApplicationDeploysTheSameWay() {
        Manifest olApp = single("OpenLibertyApplication");
        assertEquals("apps.openliberty.io/v1", olApp.doc().get("apiVersion"), olApp.toString());
        Map<String, Object> spec = at(olApp, "spec", Map.class);

        for (Map.Entry<String, String> probe : OPERATOR_PROBES.entrySet()) {
            Map<String, Object> httpGet = at(spec, "probes." + probe.getKey() + ".httpGet", Map.class, olApp.toString());
            assertEquals(HEALTH_PATHS.get(probe.getValue()), httpGet.get("path"), olApp + ": probes." + probe.getKey());
            assertEquals(httpPort, httpGet.get("port"), olApp + ": probes." + probe.getKey() + " port");
            assertEquals("HTTP", httpGet.get("scheme"), olApp + ": the operator's default scheme is HTTPS");
        }

        assertEquals(httpPort, at(spec, "service.port", Integer.class, olApp.toString()), olApp + ": service.port");
        Set<Object> otherPorts = maps(at(spec, "service.ports", List.class, olApp.toString())).stream()
                .map(p -> p.get("port")).collect(Collectors.toSet());
        assertEquals(Set.of(httpsPort, cachePort), otherPorts, olApp + ": service.ports");

        Map<String, Object> hpa = at(single("HorizontalPodAutoscaler"), "spec", Map.class);
        Map<String, Object> autoscaling = at(spec, "autoscaling", Map.class, olApp.toString());
        assertEquals(hpa.get("minReplicas"), autoscaling.get("minReplicas"), olApp + ": autoscaling.minReplicas");
        assertEquals(hpa.get("maxReplicas"), autoscaling.get("maxReplicas"), olApp + ": autoscaling.maxReplicas");
        assertNotNull(autoscaling.get("targetCPUUtilizationPercentage"), olApp + ": autoscaling on CPU");

        Map<String, Object> container = container();
        for (String field : List.of("env", "envFrom", "volumeMounts", "resources")) {
            assertEquals(container.get(field), spec.get(field), olApp + ": " + field + " should be the Deployment's");
        }
        assertEquals(pod(deployment()).get("volumes"), spec.get("volumes"), olApp + ": volumes");
        assertTrue(Boolean.TRUE.equals(at(spec, "securityContext", Map.class, olApp.toString()).get("runAsNonRoot")),
                olApp + ": securityContext.runAsNonRoot");
        assertEquals(Boolean.FALSE, spec.get("manageTLS"), olApp + ": the ces-tls Secret is the keystore");

        String image = String.valueOf(spec.get("applicationImage"));
        Map<String, Object> kustomizedImage = maps(at(single("Kustomization"), "images", List.class)).get(0);
        assertEquals(kustomizedImage.get("newName") + ":" + kustomizedImage.get("newTag"), image,
                olApp + ": applicationImage should be the image kustomization.yaml deploys");

        // The operator labels its pods app.kubernetes.io/name=<its name>; the shared files must select them too.
        Map<String, Object> operatorPodLabels = Map.of("app.kubernetes.io/name", olApp.name(),
                "app.kubernetes.io/instance", olApp.name());
        for (Manifest shared : List.of(headlessService(), single("PodDisruptionBudget"), single("NetworkPolicy"))) {
            Map<String, Object> selector = shared.kind().equals("Service") ? at(shared, "spec.selector", Map.class)
                    : shared.kind().equals("NetworkPolicy") ? at(shared, "spec.podSelector.matchLabels", Map.class)
                    : at(shared, "spec.selector.matchLabels", Map.class);
            assertTrue(operatorPodLabels.entrySet().containsAll(selector.entrySet()),
                    shared + " selects " + selector + ", which the operator's pods " + operatorPodLabels + " lack");
        }
    }

    // --- Dockerfile ------------------------------------------------------------------------------------------

    @Test
    void theImageIsTheWarOnOpenLibertyRunAsNonRoot() throws IOException {
        List<String[]> instructions = dockerInstructions();
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i)[0].equals("FROM")) {
                lastFrom = i;
            }
        }
        assertTrue(lastFrom > 0, DOCKERFILE + " should have a build stage and a runtime stage");
        assertTrue(instructions.get(0)[1].contains("maven") && instructions.get(0)[1].contains("temurin-17"),
                DOCKERFILE + ": the build stage should use a Maven image with Temurin 17, uses " + instructions.get(0)[1]);
        assertTrue(instructions.get(lastFrom)[1].startsWith("icr.io/appcafe/open-liberty:"),
                DOCKERFILE + ": the runtime stage should be an Open Liberty image, is " + instructions.get(lastFrom)[1]);
        assertTrue(instructions.subList(0, lastFrom).stream()
                .anyMatch(i -> i[0].equals("RUN") && i[1].contains("mvn") && i[1].contains("package")),
                DOCKERFILE + ": the build stage should package the WAR with Maven");

        List<String[]> runtime = instructions.subList(lastFrom + 1, instructions.size());
        int copyServerXml = indexOf(runtime, "COPY", "src/main/liberty/config/server.xml", "/config/");
        int copyWar = indexOf(runtime, "COPY", "--from=", "/config/apps/" + webApplicationLocation);
        int features = indexOf(runtime, "RUN", "features.sh");
        int configure = indexOf(runtime, "RUN", "configure.sh");
        assertTrue(copyServerXml >= 0, DOCKERFILE + " should copy server.xml to /config/");
        assertTrue(indexOf(runtime, "COPY", "src/main/liberty/config/jvm.options", "/config/") >= 0,
                DOCKERFILE + " should copy jvm.options (Hazelcast's --add-opens) to /config/");
        assertTrue(copyWar >= 0, DOCKERFILE + " should copy the built WAR to /config/apps/" + webApplicationLocation
                + ", the location of server.xml's webApplication");
        assertTrue(features > copyServerXml, DOCKERFILE + ": features.sh installs what server.xml lists, so after it");
        assertTrue(configure > copyWar, DOCKERFILE + ": configure.sh comes after the application is in place");

        String user = runtime.stream().filter(i -> i[0].equals("USER")).reduce((a, b) -> b).map(i -> i[1])
                .orElseThrow(() -> new AssertionError(DOCKERFILE + ": the runtime stage should set USER"));
        String uid = user.split(":")[0];
        assertFalse(uid.equals("root") || uid.equals("0"), DOCKERFILE + ": USER " + user + " is root");

        Set<Integer> exposed = runtime.stream().filter(i -> i[0].equals("EXPOSE"))
                .flatMap(i -> Arrays.stream(i[1].split("\\s+"))).map(p -> Integer.parseInt(p.split("/")[0]))
                .collect(Collectors.toSet());
        assertEquals(Set.of(httpPort, httpsPort, cachePort), exposed, DOCKERFILE + ": EXPOSE");

        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim).toList();
        assertTrue(ignored.contains("target/") || ignored.contains("target"),
                ".dockerignore should keep target/ out of the build context");
    }

    // --- reading the files -----------------------------------------------------------------------------------

    private static List<Manifest> resources() {
        return manifests.stream().filter(m -> !m.kind().equals("Kustomization")).toList();
    }

    private static List<Manifest> all(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private static Manifest single(String kind) {
        List<Manifest> found = all(kind);
        assertEquals(1, found.size(), "expected one " + kind + " under " + MANIFESTS + ", found " + found);
        return found.get(0);
    }

    private static Manifest deployment() {
        return single("Deployment");
    }

    private static Manifest headlessService() {
        return all("Service").stream().filter(s -> "None".equals(at(s, "spec", Map.class).get("clusterIP")))
                .findFirst().orElseThrow(() -> new AssertionError("no headless Service"));
    }

    private static Map<String, Object> pod(Manifest deployment) {
        return at(deployment, "spec.template.spec", Map.class);
    }

    private static Map<String, Object> container() {
        List<Map<String, Object>> containers = maps(at(pod(deployment()), "containers", List.class, "pod"));
        assertEquals(1, containers.size(), deployment() + ": one container per pod");
        return containers.get(0);
    }

    private static Map<String, Object> podLabels() {
        return at(deployment(), "spec.template.metadata.labels", Map.class);
    }

    private static Map<String, Object> configMapData() {
        return at(single("ConfigMap"), "data", Map.class);
    }

    private static void assertSelectsPods(Manifest manifest, Map<String, Object> selector) {
        assertFalse(selector.isEmpty(), manifest + ": an empty selector selects every pod");
        assertTrue(podLabels().entrySet().containsAll(selector.entrySet()),
                manifest + " selects " + selector + ", but the Deployment's pods are labelled " + podLabels());
        Map<String, Object> matchLabels = at(deployment(), "spec.selector.matchLabels", Map.class);
        assertTrue(podLabels().entrySet().containsAll(matchLabels.entrySet()),
                deployment() + ": its selector does not match its own pods");
    }

    private static Map<String, Integer> namedContainerPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> port : maps(at(container(), "ports", List.class, "the ces container"))) {
            ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
        }
        return ports;
    }

    /** A port given by number or by the name of a container port. */
    private static int containerPort(Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        Integer byName = namedContainerPorts().get(String.valueOf(port));
        assertNotNull(byName, "no container port named " + port + " in " + namedContainerPorts());
        return byName;
    }

    private static Set<Integer> servicePorts(Manifest service) {
        return maps(at(service, "spec.ports", List.class)).stream().map(p -> (Integer) p.get("port"))
                .collect(Collectors.toSet());
    }

    private static Set<Integer> rulePorts(Map<String, Object> rule) {
        return maps(rule.get("ports")).stream().map(p -> containerPort(p.get("port"))).collect(Collectors.toSet());
    }

    private static Set<Integer> ruleTcpPorts(Map<String, Object> rule) {
        return maps(rule.get("ports")).stream().filter(p -> "TCP".equals(p.getOrDefault("protocol", "TCP")))
                .map(p -> containerPort(p.get("port"))).collect(Collectors.toSet());
    }

    private static List<Map<String, Object>> env(Map<String, Object> container) {
        return maps(container.get("env"));
    }

    private static String envValue(Map<String, Object> container, String name) {
        return env(container).stream().filter(e -> name.equals(e.get("name"))).map(e -> (String) e.get("value"))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Mount path to the name of the Secret behind it. */
    private static Map<String, String> secretMounts(Manifest deployment) {
        Map<String, String> secretByVolume = new LinkedHashMap<>();
        for (Map<String, Object> volume : maps(pod(deployment).get("volumes"))) {
            if (volume.get("secret") instanceof Map<?, ?> secret) {
                secretByVolume.put(String.valueOf(volume.get("name")), String.valueOf(secret.get("secretName")));
            }
        }
        Map<String, String> byPath = new LinkedHashMap<>();
        for (Map<String, Object> mount : maps(container().get("volumeMounts"))) {
            String secret = secretByVolume.get(String.valueOf(mount.get("name")));
            if (secret != null) {
                byPath.put(String.valueOf(mount.get("mountPath")), secret);
            }
        }
        return byPath;
    }

    /** Every Secret and key that env, envFrom and volumes name, as "secret/key" ("secret/*" for a whole one). */
    private static Set<String> secretReferences(Map<String, Object> volumesOwner, Map<String, Object> envOwner) {
        Set<String> refs = new TreeSet<>();
        for (Map<String, Object> var : maps(envOwner.get("env"))) {
            if (var.get("valueFrom") instanceof Map<?, ?> from && from.get("secretKeyRef") instanceof Map<?, ?> ref) {
                refs.add(ref.get("name") + "/" + ref.get("key"));
            }
        }
        for (Map<String, Object> source : maps(envOwner.get("envFrom"))) {
            if (source.get("secretRef") instanceof Map<?, ?> ref) {
                refs.add(ref.get("name") + "/*");
            }
        }
        for (Map<String, Object> volume : maps(volumesOwner.get("volumes"))) {
            if (volume.get("secret") instanceof Map<?, ?> secret) {
                List<Map<String, Object>> items = maps(secret.get("items"));
                if (items.isEmpty()) {
                    refs.add(secret.get("secretName") + "/*");
                }
                items.forEach(item -> refs.add(secret.get("secretName") + "/" + item.get("key")));
            }
        }
        return refs;
    }

    /** The names in the "Environment variable" column of every table of docs/configuration.md. */
    private static Set<String> documentedEnvironmentVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        for (List<String> row : tableRows(CONFIGURATION_DOC, "Environment variable")) {
            names.add(row.get(0));
        }
        assertTrue(names.contains("CES_KAFKA_BOOTSTRAP_SERVERS"),
                "the environment variable column of " + CONFIGURATION_DOC + " was not found: " + names);
        return names;
    }

    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    /**
     * The given columns of every Markdown table whose header has them all, with backticks removed: one list per
     * row, in the order the columns were asked for.
     */
    private static List<List<String>> tableRows(Path markdown, String... columns) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        int[] indexes = null;
        for (String line : Files.readAllLines(markdown)) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("|")) {
                indexes = null;
                continue;
            }
            List<String> cells = Arrays.stream(CELL_SEPARATOR.split(trimmed.substring(1), -1)).map(String::trim)
                    .map(c -> c.replace("`", "")).toList();
            if (indexes == null) {
                int[] found = Arrays.stream(columns).mapToInt(cells::indexOf).toArray();
                indexes = Arrays.stream(found).allMatch(i -> i >= 0) ? found : new int[0];
            } else if (indexes.length > 0 && !cells.get(0).startsWith("---")) {
                List<String> row = new ArrayList<>();
                for (int index : indexes) {
                    row.add(index < cells.size() ? cells.get(index) : "");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The Dockerfile's instructions as {keyword, arguments}, continuation lines joined, comments dropped. */
    private static List<String[]> dockerInstructions() throws IOException {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().trim().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1].trim() : ""});
            current.setLength(0);
        }
        assertFalse(instructions.isEmpty(), DOCKERFILE + " has no instructions");
        return instructions;
    }

    private static int indexOf(List<String[]> instructions, String keyword, String... contained) {
        for (int i = 0; i < instructions.size(); i++) {
            String[] instruction = instructions.get(i);
            if (instruction[0].equals(keyword) && Arrays.stream(contained).allMatch(instruction[1]::contains)) {
                return i;
            }
        }
        return -1;
    }

    private static String variableDefault(Document serverXml, String name) {
        NodeList variables = serverXml.getElementsByTagName("variable");
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            if (name.equals(variable.getAttribute("name")) && variable.hasAttribute("defaultValue")) {
                return variable.getAttribute("defaultValue");
            }
        }
        return fail(SERVER_XML + " has no <variable name=\"" + name + "\" defaultValue=...>");
    }

    // --- navigating parsed YAML ------------------------------------------------------------------------------

    private static <T> T at(Manifest manifest, String path, Class<T> type) {
        return at(manifest.doc(), path, type, manifest.toString());
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> node, String path, Class<T> type, String where) {
        Object current = node;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return fail(where + ": " + path + " runs into a value that is not a mapping before '" + key + "'");
            }
            current = map.get(key);
            if (current == null) {
                return fail(where + ": " + path + " is missing ('" + key + "')");
            }
        }
        assertInstanceOf(type, current, where + ": " + path + " should be a " + type.getSimpleName());
        return (T) current;
    }

    private static List<Map<String, Object>> maps(Object list) {
        if (list == null) {
            return List.of();
        }
        assertInstanceOf(List.class, list, "expected a list, got " + list);
        return ((List<?>) list).stream().map(KubernetesManifestsTest::stringKeyed).toList();
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Object node) {
        assertInstanceOf(Map.class, node, "expected a mapping, got " + node);
        return (Map<String, Object>) node;
    }
}
