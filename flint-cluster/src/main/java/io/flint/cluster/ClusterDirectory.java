package io.flint.cluster;

import io.flint.node.config.IoReason;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The directory a cluster's state lives in: {@code cluster.json} (the registry of started nodes),
 * {@code cluster.lock}, {@code bootstrap.json} (the config the cluster was started from) and one
 * {@code nodes/<id>/} per node with its {@code data/}, {@code node.log} and, for a dynamic node,
 * its own {@code config.json}. Data directories outlive their node, so a node added again under
 * the same id rejoins with its chain and its {@code peers.json}.
 */
public record ClusterDirectory(Path root, boolean implied) {
    /** The default place under the working directory when neither --dir nor FLINT_HOME says otherwise. */
    public static final Path DEFAULT_RELATIVE = Path.of(".flint", "cluster");

    /** Characters a shell takes literally in a word; a path with any other is quoted in a hint. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    /**
     * @param implied the directory was found without {@code --dir} ($FLINT_HOME or the working
     *     directory), so a command given in the same shell finds it again without one
     */
    public ClusterDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** A directory named explicitly: hints repeat {@code --dir}. */
    public ClusterDirectory(Path root) {
        this(root, false);
    }

    /** {@code --dir} if given, else {@code $FLINT_HOME/cluster}, else {@code .flint/cluster} under {@code cwd}. */
    public static ClusterDirectory resolve(Optional<Path> dir, Map<String, String> env, Path cwd) {
        if (dir.isPresent()) {
            return new ClusterDirectory(cwd.resolve(dir.get()));
        }
        String home = env.get("FLINT_HOME");
        if (home != null && !home.isBlank()) {
            return new ClusterDirectory(cwd.resolve(home).resolve("cluster"), true);
        }
        return new ClusterDirectory(cwd.resolve(DEFAULT_RELATIVE), true);
    }

    /**
     * A cluster command as a hint should print it, {@code flint cluster down --dir DIR}: copied as
     * printed it must act on this cluster, not on the default one (a tester's `down` stopped nothing).
     */
    public String command(String words) {
        if (implied) {
            return "flint cluster " + words;
        }
        String path = root.toString();
        String word = PLAIN_WORD.matcher(path).matches() ? path
                : "\"" + path.replaceAll("([\"\\\\$`])", "\\\\$1") + "\"";
        return "flint cluster " + words + " --dir " + word;
    }

    public Path registry() {
        return root.resolve("cluster.json");
    }

    public Path lockFile() {
        return root.resolve("cluster.lock");
    }

    /** The config the cluster's bootstrap nodes were started with (a copy, so the original may change). */
    public Path bootstrapConfig() {
        return root.resolve("bootstrap.json");
    }

    /** Where the nodes' directories go: absent until a node was first given one. */
    public Path nodesRoot() {
        return root.resolve("nodes");
    }

    public Path nodeDir(String id) {
        return nodesRoot().resolve(id);
    }

    public Path dataDir(String id) {
        return nodeDir(id).resolve("data");
    }

    public Path logFile(String id) {
        return nodeDir(id).resolve("node.log");
    }

    /** A dynamic node's own config.json: itself plus the bootstrap peers. */
    public Path nodeConfig(String id) {
        return nodeDir(id).resolve("config.json");
    }

    /** The options a dynamic node was added with that its config.json does not hold ({@code --tx-interval}). */
    public Path nodeOptions(String id) {
        return nodeDir(id).resolve("options.json");
    }

    /** Creates the directory and a node's sub-directories. */
    public void createNode(String id) {
        try {
            Files.createDirectories(dataDir(id));
        } catch (IOException e) {
            throw new ClusterException("cannot create " + dataDir(id) + ": " + whyNotCreated(e));
        }
    }

    public void create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new ClusterException("cannot create the cluster directory " + root + ": " + whyNotCreated(e));
        }
    }

    /** Why a directory could not be made, without repeating its path (the JDK's message is often only that). */
    static String whyNotCreated(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a directory";
        }
        return IoReason.of(e);
    }
}
