package io.flint.net.tcp;

import io.flint.net.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the byte stream into frames: a 4-byte unsigned big-endian length N, then N bytes of
 * UTF-8. Emits each payload as a {@code byte[]}; on the first frame that breaks the rules it
 * emits one {@link BadFrame} and ignores everything after it (the handler closes the
 * connection). The length is judged from the prefix alone, so a claimed 4 GiB frame is refused
 * before a single byte of it is buffered.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** The reason a connection's byte stream stopped making sense. */
    record BadFrame(String reason) {}

    private final int maxFrameBytes;
    private boolean broken;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
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
        Optional<String> badText = Frames.encodingProblem(payload);
        if (badText.isPresent()) {
            fail(in, out, badText.get());
            return;
        }
        out.add(payload);
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        broken = true;
        in.skipBytes(in.readableBytes());
        out.add(new BadFrame(reason));
    }
}
