package io.flint.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Nodes as Docker containers, through docker-java against the local daemon: the seed's
 * {@code dynamic_node_manager}. A node is a container named {@code flint-<id>} of the Flint image,
 * running {@code flint node} with its config mounted read-only at {@code /flint/config.json} and
 * its data directory (on this machine, under the cluster directory) mounted at {@code /data}.
 * Stopping it sends SIGTERM (what {@code docker stop} sends first), so it leaves with GOODBYE;
 * kill sends SIGKILL; an exited container is removed.
 *
 * <p>With {@code --network host} (the default, and the only mode on machines whose daemon runs
 * with {@code --bridge=none}) a node listens on the host's own addresses as a local process
 * would. On any other network the container advertises its name ({@code flint-<id>}, resolved by
 * Docker's DNS) and binds its API on all of the container's addresses; the manager reaches it at
 * the container's address on that network.
 */
public final class DockerBackend implements NodeBackend {
    /** The image {@code deploy/docker/build-image.sh} builds. */
    public static final String DEFAULT_IMAGE = "local/flint:latest";
    public static final String DEFAULT_NETWORK = "host";
    /** Label on every container this backend creates, naming the cluster directory. */
    public static final String CLUSTER_LABEL = "io.flint.cluster";
    private static final String CONFIG_IN_CONTAINER = "/flint/config.json";
    private static final String DATA_IN_CONTAINER = "/data";

    private final String dockerHost;
    private final String image;
    private final String network;
    private final ClusterDirectory dir;
    private final Clock clock;
    private DockerClient client;

    /**
     * @param dockerHost the daemon, e.g. {@code unix:///var/run/docker.sock} (DOCKER_HOST)
     */
    public DockerBackend(String dockerHost, String image, String network, ClusterDirectory dir, Clock clock) {
        this.dockerHost = dockerHost;
        this.image = image;
        this.network = network;
        this.dir = dir;
        this.clock = clock;
    }

    /** The daemon from DOCKER_HOST, else the default unix socket. */
    public static String dockerHost(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        return host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Optional<String> image() {
        return Optional.of(image);
    }

    public String network() {
        return network;
    }

    @Override
    public boolean sharesHostPorts() {
        return hostNetwork();
    }

    /** True when containers share the host's ports (host networking). */
    public boolean hostNetwork() {
        return DEFAULT_NETWORK.equals(network);
    }

    private synchronized DockerClient docker() {
        if (client == null) {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(dockerHost).build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(5))
                    .responseTimeout(Duration.ofSeconds(60))
                    .build();
            client = DockerClientImpl.getInstance(config, http);
        }
        return client;
    }

    /**
     * Runs one call to the daemon; a daemon that cannot be reached at all (no socket, connection
     * refused, a timeout) becomes {@link BackendUnreachableException} with the fix, rather than the
     * HTTP client's exception. An answer of the daemon (404, 409, 500) stays the DockerException it is.
     */
    private <T> T ask(Supplier<T> call) {
        try {
            return call.get();
        } catch (DockerException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!causedByIo(e)) {
                throw e;
            }
            throw unreachable(e);
        }
    }

    private void tell(Runnable call) {
        ask(() -> {
            call.run();
            return null;
        });
    }

    private BackendUnreachableException unreachable(Exception e) {
        return new BackendUnreachableException("Docker daemon unreachable", "cannot reach the Docker daemon at "
                + dockerHost + " (" + reason(e) + "); start one (see deploy/README.md) or set DOCKER_HOST");
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void preflight() {
        try {
            docker().pingCmd().exec();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        try {
            ask(() -> docker().inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            throw new ClusterException("the image " + image + " is not there; build it with "
                    + "deploy/docker/build-image.sh (or name another with --image)");
        }
        if (!hostNetwork()) {
            try {
                ask(() -> docker().inspectNetworkCmd().withNetworkId(network).exec());
            } catch (NotFoundException e) {
                throw new ClusterException("the Docker network " + network + " does not exist ('docker network ls' "
                        + "lists them; --network host needs none)");
            }
        }
    }

    @Override
    public NodeEntry start(NodeLaunch launch) {
        String name = containerName(launch.id());
        removeLeftover(name);
        List<String> args = new ArrayList<>(List.of("node", "--id", launch.id(), "--config", CONFIG_IN_CONTAINER,
                "--data-dir", DATA_IN_CONTAINER));
        args.addAll(hostNetwork() ? launch.options() : bridgeOptions(launch));
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withBinds(new Bind(launch.configFile().toString(), new Volume(CONFIG_IN_CONTAINER), AccessMode.ro),
                        new Bind(launch.dataDir().toString(), new Volume(DATA_IN_CONTAINER), AccessMode.rw));
        String created = null;
        try {
            String user = prepareDataDir(launch.dataDir());
            CreateContainerCmd create = docker().createContainerCmd(image).withName(name);
            if (!hostNetwork()) {
                create = create.withHostName(name);
            }
            CreateContainerCmd cmd = create
                    .withCmd(args)
                    .withUser(user)
                    .withLabels(Map.of(CLUSTER_LABEL, dir.root().toString(), "io.flint.node-id", launch.id()))
                    .withHostConfig(host);
            created = ask(cmd::exec).getId();
            String id = created;
            tell(() -> docker().startContainerCmd(id).exec());
            String nodeHost = launch.host();
            String apiHost = launch.apiHost();
            if (!hostNetwork()) {
                nodeHost = containerAddress(created);
                apiHost = nodeHost;
            }
            return new NodeEntry(launch.id(), name(), 0, created, nodeHost, launch.p2pPort(), apiHost,
                    launch.apiPort(), launch.dataDir(), "", launch.role(), launch.dynamic(), clock.instant());
        } catch (DockerException | IllegalStateException | IllegalArgumentException e) {
            ClusterException failure = new ClusterException("cannot start container " + name + " from " + image + ": "
                    + reason(e));
            removeCreated(created, failure);
            throw failure;
        } catch (RuntimeException e) {
            // unreachable daemon, interrupt: what was created goes too, as far as the daemon lets it
            removeCreated(created, e);
            throw e;
        }
    }

    /** A container created for a start that then failed is removed: a failed start leaves nothing behind. */
    private void removeCreated(String container, RuntimeException failure) {
        if (container == null) {
            return;
        }
        try {
            tell(() -> docker().removeContainerCmd(container).withForce(true).exec());
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            failure.addSuppressed(new ClusterException("the container it created could not be removed either "
                    + "('docker rm -f " + container + "'): " + reason(e)));
        }
    }

    /** On a network of its own the node advertises its container name and serves its API to the host. */
    private static List<String> bridgeOptions(NodeLaunch launch) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < launch.options().size(); i++) {
            String o = launch.options().get(i);
            if (o.equals("--api-bind") && i + 1 < launch.options().size()) {
                i++;
                continue;
            }
            out.add(o);
        }
        out.addAll(List.of("--ip", containerName(launch.id()), "--port", Integer.toString(launch.p2pPort()),
                "--api-bind", "0.0.0.0"));
        return out;
    }

    private String containerAddress(String id) {
        InspectContainerResponse c = ask(() -> docker().inspectContainerCmd(id).exec());
        ContainerNetwork net = c.getNetworkSettings().getNetworks().get(network);
        if (net == null || net.getIpAddress() == null || net.getIpAddress().isEmpty()) {
            throw new IllegalStateException("the container has no address on network " + network);
        }
        return net.getIpAddress();
    }

    /**
     * Makes the mounted data directory writable by the container's user. As root on the host the
     * directory is handed to the image's own non-root user; as anyone else the container runs as
     * that user, so the node's files (its admin token among them) stay readable here.
     *
     * @return the user the container runs as ("" = the image's)
     */
    private String prepareDataDir(Path data) {
        try {
            Files.createDirectories(data);
            int uid = (Integer) Files.getAttribute(data, "unix:uid");
            int gid = (Integer) Files.getAttribute(data, "unix:gid");
            if (uid != 0) {
                return uid + ":" + gid;
            }
            Optional<int[]> imageUser = imageUser();
            if (imageUser.isEmpty()) {
                return "";
            }
            try (Stream<Path> files = Files.walk(data)) {
                for (Path p : files.toList()) {
                    Files.setAttribute(p, "unix:uid", imageUser.get()[0]);
                    Files.setAttribute(p, "unix:gid", imageUser.get()[1]);
                }
            }
            return "";
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot prepare " + data + " for the container: " + e.getMessage());
        }
    }

    /** The image's numeric USER (uid, gid), when it names one. */
    private Optional<int[]> imageUser() {
        InspectImageResponse img = ask(() -> docker().inspectImageCmd(image).exec());
        String user = img.getConfig() == null ? null : img.getConfig().getUser();
        if (user == null || !user.matches("\\d+(:\\d+)?")) {
            return Optional.empty();
        }
        String[] parts = user.split(":");
        int uid = Integer.parseInt(parts[0]);
        return Optional.of(new int[] {uid, parts.length > 1 ? Integer.parseInt(parts[1]) : uid});
    }

    /**
     * A container of this cluster's left from an earlier run under the same name is removed if it
     * has exited. Any other container of that name is the user's (deploy/README.md runs a node as
     * flint-5000 by hand): it is an error, and left alone, stopped or not, with its data.
     */
    private void removeLeftover(String name) {
        List<Container> same = ask(() -> docker().listContainersCmd().withShowAll(true).withNameFilter(List.of(name))
                .exec());
        for (Container c : same) {
            if (!List.of(c.getNames()).contains("/" + name)) {
                continue;
            }
            boolean ours = c.getLabels() != null && dir.root().toString().equals(c.getLabels().get(CLUSTER_LABEL));
            if (!ours) {
                throw new ClusterException("a container named " + name + " exists (" + c.getState() + ") that this "
                        + "cluster did not start; it is left alone: remove it yourself ('docker rm -f " + name
                        + "', after saving what it holds) or pick another id");
            }
            if ("running".equals(c.getState())) {
                throw new ClusterException("this cluster's container " + name + " is already running; 'flint cluster "
                        + "ls' shows its node, 'flint cluster remove' stops it");
            }
            tell(() -> docker().removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    @Override
    public boolean isRunning(NodeEntry node) {
        try {
            Boolean running = ask(() -> docker().inspectContainerCmd(node.container()).exec()).getState().getRunning();
            return Boolean.TRUE.equals(running);
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public String terminate(NodeEntry node) {
        // what docker stop sends first, so the report names it that way
        signal(node, "SIGTERM");
        return "docker stop";
    }

    @Override
    public void kill(NodeEntry node) {
        signal(node, "SIGKILL");
    }

    private void signal(NodeEntry node, String signal) {
        try {
            tell(() -> docker().killContainerCmd(node.container()).withSignal(signal).exec());
        } catch (NotFoundException e) {
            // already gone
        } catch (DockerException e) {
            if (isRunning(node)) {
                throw new ClusterException("cannot send " + signal + " to container " + node.container() + ": "
                        + reason(e));
            }
        }
    }

    @Override
    public void release(NodeEntry node) {
        try {
            tell(() -> docker().removeContainerCmd(node.container()).withForce(true).exec());
        } catch (NotFoundException e) {
            // removed already
        }
    }

    @Override
    public String tail(NodeEntry node, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            ask(() -> docker().logContainerCmd(node.container()).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return "(the container is gone)";
        } catch (BackendUnreachableException e) {
            return "(" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString().stripTrailing();
    }

    static String containerName(String id) {
        return "flint-" + id;
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip().lines().findFirst().orElse(m);
    }
}
