package io.flint.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.flint.api.ApiNode;
import io.flint.core.NetworkParams;
import io.flint.node.config.PeerSpec;
import io.flint.p2p.NodeIdentity;
import io.flint.p2p.P2pConfig;
import io.flint.p2p.transport.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParseResult;

/**
 * deploy/k8s checked without a cluster: {@code kubectl kustomize} renders the base and every
 * overlay; every rendered object parses strictly into its typed Kubernetes model; and what the
 * manifests tell the node - its command line, environment, ports, probe paths, data path, stop
 * time - is checked against the flint binary itself (its picocli model, its HTTP routes, its
 * protocol timers), not against a copy of them.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Tools.ROOT.resolve("deploy/k8s");
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    /** Read by the JVM itself rather than by flint's options. */
    private static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS");
    private static final Map<Path, Rendered> RENDERED = new ConcurrentHashMap<>();

    @TempDir
    static Path tmp;
    /** Started by the first check that asks a live node, so a run without kubectl (all skipped) starts none. */
    private static ApiNode node;

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** The base and every overlay. */
    static Stream<String> kustomizations() throws IOException {
        List<String> dirs = new ArrayList<>(List.of("base"));
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).sorted()
                    .forEach(d -> dirs.add("overlays/" + d.getFileName()));
        }
        return dirs.stream();
    }

    /** One rendered kustomization and the parts the checks look at. */
    record Rendered(String dir, List<HasMetadata> objects, StatefulSet sts, Container node, List<String> args,
            Map<String, String> env, ParseResult command) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T named(Class<T> type, String name) {
            return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(dir + ": no " + type.getSimpleName() + " " + name));
        }

        PodSpec pod() {
            return sts.getSpec().getTemplate().getSpec();
        }

        Map<String, String> podLabels() {
            return sts.getSpec().getTemplate().getMetadata().getLabels();
        }

        int containerPort(String name) {
            return node.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                    .findFirst().orElseThrow(() -> new AssertionError(dir + ": the node container has no port " + name));
        }

        /** A port given by name or number, as the port number of the node container. */
        int resolve(IntOrString port) {
            return port.getStrVal() != null ? containerPort(port.getStrVal()) : port.getIntVal();
        }

        <T> T option(String name) {
            T value = command.matchedOptionValue(name, null);
            if (value == null) {
                throw new AssertionError(dir + ": the node is not started with " + name + " (args " + args + ")");
            }
            return value;
        }

        Service headless() {
            return named(Service.class, sts.getSpec().getServiceName());
        }
    }

    static Rendered rendered(String dir) {
        return RENDERED.computeIfAbsent(K8S.resolve(dir), KubernetesManifestsTest::render);
    }

    private static Rendered render(Path dir) {
        Path kubectl = Tools.kubectl();
        Command out = Command.run(Duration.ofSeconds(60), kubectl.toString(), "kustomize", dir.toString());
        String yaml = out.expectOk();
        List<HasMetadata> objects = KubeObjects.parseAll(yaml);
        String name = K8S.relativize(dir).toString();
        System.out.printf("[k8s] %s: kubectl kustomize rendered %d objects (%s), all parsed strictly%n", name,
                objects.size(), objects.stream().map(HasMetadata::getKind).toList());
        List<StatefulSet> sets = objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).toList();
        assertThat(sets).as(name + ": one StatefulSet").hasSize(1);
        StatefulSet sts = sets.get(0);
        List<Container> containers = sts.getSpec().getTemplate().getSpec().getContainers();
        Container node = containers.stream().filter(c -> c.getName().equals("flint")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no container named flint"));
        Map<String, String> env = environment(objects, node);
        String pod = sts.getMetadata().getName() + "-0";
        List<String> args = new ArrayList<>();
        for (String a : node.getArgs()) {
            args.add(expand(a, env, pod, name));
        }
        assertThat(node.getCommand()).as(name + ": the image's entrypoint (java -jar flint.jar) is kept").isNullOrEmpty();
        return new Rendered(name, objects, sts, node, args, env, NodeOptions.parse(args));
    }

    /** The container's environment: its env entries and the ConfigMaps it takes whole (envFrom). */
    private static Map<String, String> environment(List<HasMetadata> objects, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            assertThat(from.getConfigMapRef()).as("envFrom takes ConfigMaps").isNotNull();
            String cm = from.getConfigMapRef().getName();
            ConfigMap map = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                    .filter(m -> m.getMetadata().getName().equals(cm)).findFirst()
                    .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + cm + ", which is not rendered"));
            env.putAll(map.getData());
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
                env.put(e.getName(), "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath());
            } else {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }

    /** kubelet's $(VAR) expansion, with the pod name of ordinal 0 for metadata.name. */
    private static String expand(String arg, Map<String, String> env, String podName, String dir) {
        Matcher m = VAR.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            assertThat(value).as(dir + ": args use $(" + m.group(1) + ") but the container's env does not define it")
                    .isNotNull();
            if (value.equals("fieldRef:metadata.name")) {
                value = podName;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void theStrictParserRejectsAFieldKubernetesDoesNotKnow() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: x}
                spec:
                  serviceName: x
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: flint
                          image: local/flint
                          livenesProbe: {httpGet: {path: /health/live, port: 7000}}
                """);
        assertThatThrownBy(() -> KubeObjects.parse(doc)).hasMessageContaining("livenesProbe");
        JsonNode unknownKind = new ObjectMapper(new YAMLFactory()).readTree("{apiVersion: v1, kind: Pod, metadata: {name: p}}");
        assertThatThrownBy(() -> KubeObjects.parse(unknownKind)).hasMessageContaining("no typed model for v1/Pod");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void rendersEveryPartOfTheDeployment(String dir) {
        Rendered r = rendered(dir);
        assertThat(r.objects()).extracting(HasMetadata::getKind)
                .contains("StatefulSet", "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy");
        assertThat(r.sts().getSpec().getVolumeClaimTemplates()).as("a claim per pod").isNotEmpty();
        assertThat(r.sts().getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theCommandLineIsOneFlintNodeAccepts(String dir) {
        Rendered r = rendered(dir);
        Set<String> known = NodeOptions.names();
        for (String a : r.args()) {
            if (a.startsWith("-")) {
                assertThat(known).as(dir + ": flint node has the option " + a).contains(a.split("=", 2)[0]);
            }
        }
        assertThat(r.args().get(0)).isEqualTo("node");
        String pod = r.sts().getMetadata().getName() + "-0";
        assertThat(r.<String>option("--id")).as("the node id is the pod name").isEqualTo(pod);
        assertThat(r.command().hasMatchedOption("--dynamic")).as("every node joins dynamically").isTrue();
        // pod names are node ids the node accepts, for any ordinal (its own validation throws otherwise)
        for (String id : List.of(pod, r.sts().getMetadata().getName() + "-999")) {
            new PeerSpec(id, "host", 1, 1, "normal", false, false, "", false, 2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyEnvironmentVariableIsOneTheBinaryReads(String dir) {
        Rendered r = rendered(dir);
        Set<String> read = new TreeSet<>(NodeOptions.environment());
        read.addAll(NodeOptions.loggingEnvironment());
        Set<String> expansionOnly = new TreeSet<>();
        for (String a : r.node().getArgs()) {
            Matcher m = VAR.matcher(a);
            while (m.find()) {
                expansionOnly.add(m.group(1));
            }
        }
        for (String name : r.env().keySet()) {
            assertThat(read.contains(name) || JVM_ENV.contains(name) || expansionOnly.contains(name))
                    .as(dir + ": env " + name + " is read by flint node (it reads " + read + "), by the JVM, or used in args")
                    .isTrue();
        }
        assertThat(r.env()).containsKeys("PEER_NODES", "FLINT_API_BIND", "FLINT_P2P_BIND");
        assertThat(r.env().get("FLINT_API_BIND")).as("probes and Services reach the API from outside the pod")
                .isIn("0.0.0.0", "::");
        if (r.env().containsKey("FLINT_NETWORK")) {
            NetworkParams.byName(r.env().get("FLINT_NETWORK"));
        }
        // the variables really set what the manifests mean them to set
        assertThat(NodeOptions.optionReading("PEER_NODES").longestName()).isEqualTo("--peers");
        assertThat(NodeOptions.optionReading("FLINT_P2P_BIND").longestName()).isEqualTo("--p2p-bind");
        assertThat(NodeOptions.optionReading("FLINT_API_BIND").longestName()).isEqualTo("--api-bind");
    }

    /**
     * A network whose nodes do not mine stays at height 0: every pod mines (all pods have the same
     * args, so the ConfigMap's FLINT_MINE says it for all), each at the demo chain's difficulty,
     * which retargets to the network's hash rate.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyPodMinesSoTheChainGrows(String dir) {
        Rendered r = rendered(dir);
        assertThat(NodeOptions.optionReading("FLINT_MINE").longestName()).isEqualTo("--mine");
        String mine = r.env().get("FLINT_MINE");
        assertThat(r.command().hasMatchedOption("--mine") || "true".equals(mine))
                .as(dir + ": the pods mine (FLINT_MINE: \"true\" in the ConfigMap, or --mine in the args)").isTrue();
        if (mine != null) {
            // picocli's boolean: "true" or "false" (any case), anything else stops the node at start
            assertThat(mine.toLowerCase(java.util.Locale.ROOT)).as(dir + ": FLINT_MINE").isIn("true", "false");
        }
        String network = r.env().getOrDefault("FLINT_NETWORK", "demo");
        assertThat(NetworkParams.byName(network).name()).as(dir + ": continuous mining on a chain that retargets, "
                + "not regtest's trivial work").isEqualTo("demo");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void bootstrapPeersAndAddressesAreThePodsStableDnsNames(String dir) {
        Rendered r = rendered(dir);
        Service headless = r.headless();
        assertThat(headless.getSpec().getClusterIP()).as("headless").isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).as("names resolve before a pod is ready").isTrue();
        assertThat(r.podLabels()).containsAllEntriesOf(headless.getSpec().getSelector());
        String sts = r.sts().getMetadata().getName();
        String service = headless.getMetadata().getName();
        int p2p = r.option("--port");
        assertThat(r.<String>option("--ip")).isEqualTo(sts + "-0." + service);
        List<Endpoint> peers = new ArrayList<>();
        for (String e : r.env().get("PEER_NODES").split(",")) {
            peers.add(Endpoint.parse(e.strip()));
        }
        assertThat(peers).as(dir + ": PEER_NODES").isNotEmpty();
        for (int i = 0; i < peers.size(); i++) {
            assertThat(peers.get(i)).as(dir + ": bootstrap peer " + i).isEqualTo(new Endpoint(sts + "-" + i + "." + service, p2p));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void portsAgreeBetweenTheNodeItsServicesAndItsPolicy(String dir) {
        Rendered r = rendered(dir);
        int p2p = r.option("--port");
        int http = r.option("--api-port");
        assertThat(r.containerPort("p2p")).isEqualTo(p2p);
        assertThat(r.containerPort("http")).isEqualTo(http);
        for (Service s : r.all(Service.class)) {
            assertThat(r.podLabels()).as(s.getMetadata().getName() + " selects the nodes")
                    .containsAllEntriesOf(s.getSpec().getSelector());
            for (ServicePort p : s.getSpec().getPorts()) {
                int target = r.resolve(p.getTargetPort());
                assertThat(target).as("service " + s.getMetadata().getName() + " port " + p.getName()).isIn(p2p, http);
                assertThat(p.getName()).isEqualTo(target == p2p ? "p2p" : "http");
            }
        }
        for (Ingress ing : r.all(Ingress.class)) {
            ing.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                Service s = r.named(Service.class, path.getBackend().getService().getName());
                String portName = path.getBackend().getService().getPort().getName();
                ServicePort sp = s.getSpec().getPorts().stream().filter(p -> p.getName().equals(portName)).findFirst()
                        .orElseThrow(() -> new AssertionError("ingress names port " + portName + " of " + s.getMetadata().getName()));
                assertThat(r.resolve(sp.getTargetPort())).as("the ingress serves the HTTP API").isEqualTo(http);
            }));
        }
        Map<String, String> annotations = r.sts().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", Integer.toString(http));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void onlyFlintPodsMayOpenTheP2pPort(String dir) {
        Rendered r = rendered(dir);
        int p2p = r.option("--port");
        NetworkPolicy policy = r.all(NetworkPolicy.class).stream().findFirst().orElseThrow();
        assertThat(r.podLabels()).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        boolean p2pAdmitted = false;
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            boolean coversP2p = rule.getPorts() == null || rule.getPorts().isEmpty()
                    || rule.getPorts().stream().map(NetworkPolicyPort::getPort).anyMatch(p -> r.resolve(p) == p2p);
            if (!coversP2p) {
                continue;
            }
            p2pAdmitted = true;
            assertThat(rule.getFrom()).as(dir + ": a rule admitting the P2P port names who may").isNotEmpty();
            rule.getFrom().forEach(peer -> {
                assertThat(peer.getIpBlock()).isNull();
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector()).isNotNull();
                assertThat(r.podLabels()).containsAllEntriesOf(peer.getPodSelector().getMatchLabels());
            });
        }
        assertThat(p2pAdmitted).as("the nodes can reach each other").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void probesAskRoutesTheNodesApiServes(String dir) throws Exception {
        Rendered r = rendered(dir);
        int http = r.option("--api-port");
        Probe live = r.node().getLivenessProbe();
        Probe ready = r.node().getReadinessProbe();
        Probe startup = r.node().getStartupProbe();
        for (Probe p : List.of(live, ready, startup)) {
            assertThat(p).isNotNull();
            assertThat(r.resolve(p.getHttpGet().getPort())).isEqualTo(http);
        }
        assertThat(status(live.getHttpGet().getPath())).as("liveness " + live.getHttpGet().getPath()).isEqualTo(200);
        assertThat(status(startup.getHttpGet().getPath())).isEqualTo(200);
        // 200 once synced, 503 while syncing: either way a route of the API, never a 404
        assertThat(status(ready.getHttpGet().getPath())).as("readiness " + ready.getHttpGet().getPath()).isIn(200, 503);
        assertThat(ready.getHttpGet().getPath()).isNotEqualTo(live.getHttpGet().getPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theScrapePathIsARouteOfTheApi(String dir) throws Exception {
        String path = rendered(dir).sts().getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path");
        assertThat(path).isNotNull();
        assertThat(status(path)).as("scrape path " + path).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void dataLivesOnThePodsOwnClaim(String dir) throws IOException {
        Rendered r = rendered(dir);
        String dataDir = r.option("--data-dir").toString();
        String claim = r.sts().getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        VolumeMount mount = r.node().getVolumeMounts().stream().filter(m -> m.getName().equals(claim)).findFirst()
                .orElseThrow(() -> new AssertionError("the claim " + claim + " is not mounted"));
        assertThat(mount.getMountPath()).isEqualTo(dataDir);
        assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        // the image's user owns /data; fsGroup makes a fresh volume writable for it
        int imageUid = Integer.parseInt(dockerfileUser().split(":")[0]);
        assertThat(r.pod().getSecurityContext().getRunAsUser()).isEqualTo(imageUid);
        assertThat(r.pod().getSecurityContext().getFsGroup()).isNotNull();
        if (Boolean.TRUE.equals(r.node().getSecurityContext().getReadOnlyRootFilesystem())) {
            assertThat(r.node().getVolumeMounts()).as("JNI libraries unpack to /tmp").extracting(VolumeMount::getMountPath)
                    .contains("/tmp");
        }
    }

    private static String dockerfileUser() throws IOException {
        return Files.readAllLines(Tools.ROOT.resolve("deploy/docker/Dockerfile")).stream()
                .filter(l -> l.startsWith("USER ")).map(l -> l.substring(5).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile names no USER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void aLeavingNodeHasTimeToSayGoodbyeAndHandOverItsPool(String dir) {
        Rendered r = rendered(dir);
        long grace = r.pod().getTerminationGracePeriodSeconds();
        List<String> preStop = r.node().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).as("preStop pauses with sleep SECONDS").hasSize(2).first().isEqualTo("sleep");
        long pause = Long.parseLong(preStop.get(1));
        // the engine's own bound on draining GOODBYE and the MEMPOOL_TRANSFER batches
        Duration drain = P2pConfig.defaults(new NodeIdentity("x", new Endpoint("h", 1), false, false, "", "", 0,
                io.flint.p2p.Mode.NORMAL), List.of()).leaveDeadline();
        assertThat(grace).as("grace period >= preStop %d s + leave deadline %d s + 10 s to close storage", pause,
                drain.toSeconds()).isGreaterThanOrEqualTo(pause + drain.toSeconds() + 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void disruptionsAndResourcesAreBounded(String dir) {
        Rendered r = rendered(dir);
        PodDisruptionBudget pdb = r.all(PodDisruptionBudget.class).stream().findFirst().orElseThrow();
        assertThat(r.podLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(r.node().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(r.node().getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(r.sts().getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    }

    /** The live node's answer to GET path: its status code. */
    private static synchronized int status(String path) {
        if (node == null) {
            node = new ApiNode(tmp.resolve("node"));
        }
        return node.getText(path).status();
    }
}
