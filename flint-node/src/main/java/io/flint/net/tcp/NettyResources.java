package io.flint.net.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads TCP transports run on. One instance can serve many transports (50 nodes in
 * one JVM share a few threads); whoever creates it closes it, after the transports using it.
 * Its threads are daemons: the node's own event loop, not the I/O threads, keeps the JVM alive.
 */
public final class NettyResources implements AutoCloseable {

    private final EventLoopGroup group;

    private NettyResources(EventLoopGroup group) {
        this.group = group;
    }

    /** A group of {@code threads} NIO event-loop threads named {@code flint-net-*}. */
    public static NettyResources create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one I/O thread, got " + threads);
        }
        DefaultThreadFactory names = new DefaultThreadFactory("flint-net", true);
        return new NettyResources(new MultiThreadIoEventLoopGroup(threads, names, NioIoHandler.newFactory()));
    }

    /** The event loops. */
    public EventLoopGroup group() {
        return group;
    }

    /** Stops the threads, waiting a few seconds for them to finish. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
