package vn.dvk.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests Netty or Spring cannot turn into an exchange at all — a request line or header Netty's decoder refuses
 * (an over-long line or header), a target that is no URI ({@code |} in a path), a {@code Transfer-Encoding} other
 * than chunked — are answered by Reactor Netty with an empty 400 and by nothing of ours. This sits right behind Netty's HTTP
 * decoder and answers them as problem details instead, then closes the connection, whose framing is no longer
 * trustworthy.
 */
@Component
class UndecodableRequests implements NettyServerCustomizer {

    private static final String NAME = "dvk.undecodableRequests";

    private final Problems problems;

    UndecodableRequests(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new Refuser());
            }
        });
    }

    private final class Refuser extends ChannelInboundHandlerAdapter {

        /** After a refusal, the rest of that request's body is dropped until the connection closes. */
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused && msg instanceof HttpContent) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                Refusal refusal = refusalOf(request);
                if (refusal != null) {
                    refused = true;
                    HttpStatus status = refusal.status();
                    String path = request.decoderResult().isFailure() ? null : pathOf(request.uri());
                    byte[] body = problems.json(request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE), path,
                            status, refusal.code());
                    ReferenceCountUtil.release(msg);
                    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(body));
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                            .set(HttpHeaderNames.CONNECTION, "close");
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private Refusal refusalOf(HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                return Refusal.of(cause instanceof TooLongHttpLineException ? HttpStatus.URI_TOO_LONG
                        : cause instanceof TooLongFrameException ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : HttpStatus.BAD_REQUEST);
            }
            // Only chunked framing is implemented (as in the services' Tomcat); "gzip, chunked" would pass a body
            // on as if it were not compressed.
            for (String coding : request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
                for (String each : coding.split(",")) {
                    if (!each.isBlank() && !each.strip().equalsIgnoreCase("chunked")) {
                        return new Refusal(HttpStatus.BAD_REQUEST, "transfer-encoding-unsupported");
                    }
                }
            }
            // Raw bytes outside printable ASCII must be percent-encoded; Netty would read them as Latin-1 and pass on
            // mojibake (the services' Tomcat refuses them too).
            if (request.uri().chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
                return Refusal.of(HttpStatus.BAD_REQUEST);
            }
            try {
                new URI(request.uri());
                return null;
            } catch (URISyntaxException e) {
                return Refusal.of(HttpStatus.BAD_REQUEST);
            }
        }

        /** The path for the problem's {@code instance}, only when it is harmless to echo. */
        private String pathOf(String uri) {
            int end = uri.indexOf('?');
            String path = end < 0 ? uri : uri.substring(0, end);
            return path.length() <= 200 && path.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\')
                    ? path : null;
        }
    }

    private record Refusal(HttpStatus status, String code) {

        static Refusal of(HttpStatus status) {
            return new Refusal(status, Problems.codeFor(status));
        }
    }
}
