package io.flint.net.tcp;

import io.flint.net.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the byte stream into frames: a 4-byte unsigned big-endian length N, then N bytes of
 * UTF-8. Emits each payload as a {@code byte[]}; on the first frame that breaks the rules it
 * emits one {@link BadFrame} and ignores everything after it (the handler closes the
 * connection). The length is judged from the prefix alone, so a claimed 4 GiB frame is refused
 * before a single byte of it is buffered.
 *
 * <p>The bytes of an incomplete frame count against the transport's {@link FrameBudget}; when
 * they would exceed it the decoder emits one {@link OverBudget} and stops, like a bad frame but
 * without blaming the sender (an honest peer's large block may be the one that does not fit).
 * It also tells the transport's watchdog when the incomplete frame began and whether any frame
 * has arrived, so that stalled senders can be closed.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** The reason a connection's byte stream stopped making sense. */
    record BadFrame(String reason) {}

    /** The connection's incomplete frame does not fit in what the transport may hold. */
    record OverBudget(String reason) {}

    /** No incomplete frame. */
    static final long NONE = -1;

    private final int maxFrameBytes;
    private final FrameBudget budget;
    private final Clock clock;
    private boolean broken;
    private boolean completedThisRead;
    /** Bytes this connection counts against the budget (its buffered incomplete frame). I/O thread only. */
    private long held;
    /** When the first byte of the buffered incomplete frame arrived (clock millis), or {@link #NONE}. */
    private volatile long incompleteSince = NONE;
    /** When the last byte of the buffered incomplete frame arrived (clock millis), or {@link #NONE}. */
    private volatile long lastByteAt = NONE;
    /** How many bytes of the incomplete frame are buffered, for the watchdog's thread. */
    private volatile long incompleteBytes;
    private volatile boolean anyFrame;

    FrameDecoder(int maxFrameBytes, FrameBudget budget, Clock clock) {
        this.maxFrameBytes = maxFrameBytes;
        this.budget = budget;
        this.clock = clock;
    }

    /** When the incomplete frame now buffered began to arrive (clock millis), or {@link #NONE}. */
    long incompleteSince() {
        return incompleteSince;
    }

    /** When the last byte of the incomplete frame now buffered arrived (clock millis), or {@link #NONE}. */
    long lastByteAt() {
        return lastByteAt;
    }

    /** Bytes of the incomplete frame now buffered (0 when none). */
    long incompleteBytes() {
        return incompleteBytes;
    }

    /** Whether at least one whole frame (good or bad) has arrived. */
    boolean anyFrame() {
        return anyFrame;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        super.channelRead(ctx, message);
        account(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        release();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Frames.LENGTH_PREFIX_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        Optional<String> badLength = Frames.lengthProblem(length, maxFrameBytes);
        if (badLength.isPresent()) {
            fail(in, out, badLength.get());
            return;
        }
        if (in.readableBytes() < Frames.LENGTH_PREFIX_BYTES + length) {
            return;
        }
        in.skipBytes(Frames.LENGTH_PREFIX_BYTES);
        byte[] payload = new byte[(int) length];
        in.readBytes(payload);
        completedThisRead = true;
        anyFrame = true;
        Optional<String> badText = Frames.encodingProblem(payload);
        if (badText.isPresent()) {
            fail(in, out, badText.get());
            return;
        }
        out.add(payload);
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        broken = true;
        anyFrame = true;
        in.skipBytes(in.readableBytes());
        out.add(new BadFrame(reason));
    }

    /** After a read: what is left buffered is an incomplete frame; charge or refund the budget. */
    private void account(ChannelHandlerContext ctx) {
        long buffered = broken ? 0 : internalBuffer().readableBytes();
        if (buffered == 0) {
            incompleteSince = NONE;
            lastByteAt = NONE;
        } else {
            long now = clock.millis();
            if (incompleteSince == NONE || completedThisRead) {
                // the remainder is the start of a frame that began in this read
                incompleteSince = now;
            }
            lastByteAt = now; // this read brought bytes of it
        }
        incompleteBytes = buffered;
        completedThisRead = false;
        long more = buffered - held;
        if (more <= 0) {
            budget.give(-more);
            held = buffered;
            return;
        }
        if (budget.tryTake(more)) {
            held = buffered;
            return;
        }
        broken = true;
        internalBuffer().skipBytes(internalBuffer().readableBytes());
        incompleteSince = NONE;
        lastByteAt = NONE;
        incompleteBytes = 0;
        String reason = "incomplete frames would hold more than " + budget.limit()
                + " bytes across connections (this one " + buffered + ", all others " + (budget.held() - held) + ")";
        release();
        ctx.fireChannelRead(new OverBudget(reason));
    }

    private void release() {
        if (held > 0) {
            budget.give(held);
            held = 0;
        }
        incompleteSince = NONE;
        lastByteAt = NONE;
        incompleteBytes = 0;
    }
}
