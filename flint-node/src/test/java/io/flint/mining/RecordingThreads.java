package io.flint.mining;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/** Daemon threads named for the test, remembered so a test can see them end. */
final class RecordingThreads implements ThreadFactory {
    final List<Thread> made = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "test-miner-" + made.size());
        t.setDaemon(true);
        made.add(t);
        return t;
    }

    boolean allEnded() {
        return made.stream().noneMatch(Thread::isAlive);
    }
}
