package vn.dvk.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for requests that {@code java.net.http} refuses to send:
 * bad percent-encoding and raw characters in the request target, hand-made framing ({@code Transfer-Encoding: gzip}),
 * wildcard or list {@code Content-Type}s, malformed multipart bodies. The answer is read up to a bound; a server-sent
 * event stream is not read past its headers.
 */
final class RawHttp {

    /** Bytes of an answer's body kept (the rest is not read): problem details may quote a hostile value in full. */
    private static final int BODY_LIMIT = 2 * 1024 * 1024;
    private static final int HEAD_LIMIT = 64 * 1024;

    private RawHttp() {
    }

    /** An answer; {@code status} -1 when there was none (the failure is in {@code error}). */
    record Response(int status, Map<String, List<String>> headers, byte[] body, boolean streamed, String error,
            long millis) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String contentType() {
            String type = header("content-type");
            return type == null ? "" : type;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request: everything after the request line and the {@code Host} header is given as is. */
    record Request(String method, String target, List<String[]> headers, byte[] body, boolean contentLength,
            boolean halfClose) {
    }

    /**
     * Sends {@code request} to {@code 127.0.0.1:port}. With {@code contentLength} a {@code Content-Length} header is
     * added for the body; without it the body is sent as it is, framed by the request's own headers, and with
     * {@code halfClose} the sending side is shut once it is written (a body framed by nothing ends there).
     */
    static Response exchange(int port, Request request, Duration timeout) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, request.method() + " " + request.target() + " HTTP/1.1\r\n");
            write(head, "Host: 127.0.0.1:" + port + "\r\n");
            for (String[] header : request.headers()) {
                write(head, header[0] + ": " + header[1] + "\r\n");
            }
            if (request.contentLength() && request.body() != null) {
                write(head, "Content-Length: " + request.body().length + "\r\n");
            }
            write(head, "Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            try {
                out.write(head.toByteArray());
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
                if (request.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer (e.g. 413) and close before reading all of a large body: read what it said.
                writeFailure = e;
            }
            try {
                return read(socket.getInputStream(), started);
            } catch (IOException e) {
                String why = writeFailure != null ? "write: " + writeFailure.getMessage() + "; read: " + e.getMessage()
                        : e instanceof SocketTimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                return new Response(-1, Map.of(), new byte[0], false, why, millis(started));
            }
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], false, "connect: " + e.getMessage(), millis(started));
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static Response read(InputStream raw, long started) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw, 16 * 1024);
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("connection closed before an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int headBytes = 0;
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                headBytes += line.length();
                if (headBytes > HEAD_LIMIT) {
                    throw new IOException("answer headers beyond " + HEAD_LIMIT + " bytes");
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            List<String> types = headers.getOrDefault("content-type", List.of());
            if (!types.isEmpty() && types.get(0).toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                return new Response(status, headers, new byte[0], true, null, millis(started));
            }
            byte[] body;
            String encoding = String.join(",", headers.getOrDefault("transfer-encoding", List.of()));
            List<String> length = headers.getOrDefault("content-length", List.of());
            if (status == 204 || status == 304) {
                body = new byte[0];
            } else if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked(in);
            } else if (!length.isEmpty()) {
                body = readUpTo(in, (int) Math.min(Long.parseLong(length.get(0).trim()), BODY_LIMIT));
            } else {
                body = readUpTo(in, BODY_LIMIT);
            }
            return new Response(status, headers, body, false, null, millis(started));
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < BODY_LIMIT) {
            String size = line(in);
            if (size == null) {
                break;
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                break;
            }
            body.write(readUpTo(in, n));
            line(in);
        }
        return body.toByteArray();
    }

    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }

    /** A line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > HEAD_LIMIT) {
                throw new IOException("answer line beyond " + HEAD_LIMIT + " bytes");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        // Headers are sent as bytes of their characters (ISO-8859-1), so hostile values reach the server unchanged.
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
