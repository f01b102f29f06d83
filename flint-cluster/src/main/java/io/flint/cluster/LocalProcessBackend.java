package io.flint.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes as child processes of this machine: {@code java -jar flint.jar node ...}, output appended
 * to the node's log file, in a session of their own ({@code setsid}) so they outlive the command
 * that started them and a Ctrl-C in that terminal does not reach them. Signals go by pid: SIGTERM
 * for a graceful leave, SIGKILL for a crash.
 */
public final class LocalProcessBackend implements NodeBackend {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 6, "SIGABRT", 9, "SIGKILL",
            11, "SIGSEGV", 15, "SIGTERM");

    private final NodeProgram program;
    private final Clock clock;
    // the processes this backend started, by pid: only a child's exit code can be read
    private final Map<Long, Process> children = new ConcurrentHashMap<>();

    public LocalProcessBackend(NodeProgram program, Clock clock) {
        this.program = program;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void preflight() {
        Path java = Path.of(program.command().get(0));
        if (!Files.isExecutable(java)) {
            throw new ClusterException("cannot run nodes: " + java + " is not an executable Java");
        }
    }

    /** The full command line of a node. */
    List<String> commandLine(NodeLaunch launch) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // a process that is not a group leader (ours never is) setsid()s in place: the pid stays the node's
            cmd.add(SETSID.toString());
        }
        cmd.addAll(program.command());
        cmd.addAll(List.of("node", "--id", launch.id(), "--config", launch.configFile().toString(),
                "--data-dir", launch.dataDir().toString()));
        cmd.addAll(launch.options());
        return cmd;
    }

    @Override
    public NodeEntry start(NodeLaunch launch) {
        List<String> cmd = commandLine(launch);
        try {
            Files.createDirectories(launch.logFile().getParent());
            Files.writeString(launch.logFile(), "# " + clock.instant() + " " + String.join(" ", cmd) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
            children.put(p.pid(), p);
            return new NodeEntry(launch.id(), name(), p.pid(), "", launch.host(), launch.p2pPort(), launch.apiHost(),
                    launch.apiPort(), launch.dataDir(), launch.logFile().toString(), launch.role(), launch.dynamic(),
                    clock.instant());
        } catch (IOException e) {
            throw new ClusterException("cannot start node " + launch.id() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean sharesHostPorts() {
        return true;
    }

    @Override
    public boolean isRunning(NodeEntry node) {
        return process(node).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The node's process, if the pid still belongs to it: a pid from an old registry may have been
     * reused by an unrelated process, which must never be signalled.
     */
    private static Optional<ProcessHandle> process(NodeEntry node) {
        if (node.pid() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(node.pid()).filter(h -> {
            Optional<String> cmdline = h.info().commandLine();
            if (cmdline.isPresent()) {
                return cmdline.get().contains(" node --id " + node.id() + " ");
            }
            // no command line to read (another user's process): trust it only if it started with the node
            return h.info().startInstant()
                    .map(t -> Math.abs(t.toEpochMilli() - node.startedAt().toEpochMilli()) < 10_000)
                    .orElse(false);
        });
    }

    @Override
    public String terminate(NodeEntry node) {
        process(node).ifPresent(ProcessHandle::destroy);
        return "SIGTERM";
    }

    @Override
    public void kill(NodeEntry node) {
        process(node).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public void release(NodeEntry node) {
        // a process leaves nothing to free; its log and data stay for inspection and a later rejoin
    }

    @Override
    public Optional<String> exitStatus(NodeEntry node) {
        Process p = children.get(node.pid());
        if (p == null || p.isAlive()) {
            return Optional.empty();
        }
        int code = p.exitValue();
        // the JDK reports a child ended by signal N as 128 + N, as a shell does
        return Optional.of("exit code " + code + (code > 128 && code < 128 + 65
                ? ", killed by " + SIGNALS.getOrDefault(code - 128, "signal " + (code - 128)) : ""));
    }

    @Override
    public String tail(NodeEntry node, int lines) {
        return tailOf(Path.of(node.logFile()), lines);
    }

    static String tailOf(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
