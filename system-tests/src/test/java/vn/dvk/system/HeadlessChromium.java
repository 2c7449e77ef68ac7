package vn.dvk.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real browser for the web app's tests: Debian's Chromium, headless, driven over the Chrome DevTools Protocol (a
 * WebSocket; no driver, no dependency). Pages run their own scripts against the real gateway; the test reads and acts
 * on the page as a person would (types into fields, clicks buttons) and sees every uncaught script error.
 *
 * <p>Chromium comes from the Debian package ({@code apt-get install chromium}; {@code .ci/run} installs it), or from
 * {@code CHROMIUM}. The process is given its own empty profile and is stopped on {@link #close()}.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
    private final String sessionId;

    private HeadlessChromium(Process process, Path profile, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner = this;
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asString();
        this.sessionId = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asString();
        call("Page.enable", Map.of());
        call("Runtime.enable", Map.of());
        // A headless page is never the focused window; without this, focus() and typing go nowhere.
        call("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
    }

    static HeadlessChromium start() throws IOException {
        String executable = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(executable))) {
            throw new IllegalStateException("The web app's tests need Chromium: apt-get install chromium (.ci/run "
                    + "installs it), or set CHROMIUM to its executable");
        }
        Path profile = Files.createTempDirectory("dvk-chromium-");
        Process process = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=vi-VN", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = devToolsEndpoint(process);
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(endpoint), listener).join();
        return new HeadlessChromium(process, profile, socket, listener);
    }

    /** The browser prints its DevTools address on standard error once it listens; the rest of it is drained. */
    private static String devToolsEndpoint(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the browser is gone
            }
            found.completeExceptionally(new IllegalStateException("Chromium exited before it listened"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not start", e);
        }
    }

    /** Opens a URL and waits until the page and its deferred scripts have run. */
    void open(String url) {
        call("Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'");
    }

    /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value. */
    JsonNode eval(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until a JavaScript expression is true in the page (asked every 100 ms, for at most 20 s). */
    void waitFor(String condition) {
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> eval("!!(" + condition + ")").asBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not true within " + WAIT.toSeconds() + " s: " + condition + "\npage at "
                    + eval("location.href").asString() + ", showing:\n"
                    + eval("document.body ? document.body.innerText.substring(0, 1000) : ''").asString()
                    + "\nscript errors: " + scriptErrors);
        }
    }

    /** The visible text of the first element matching a CSS selector. */
    String text(String selector) {
        return eval("document.querySelector(" + js(selector) + ").innerText").asString();
    }

    /** Focuses a field, selects what it holds and types the text with key events, as a person would. */
    void type(String selector, String text) {
        eval("(() => { const e = document.querySelector(" + js(selector) + "); e.focus(); e.select(); })()");
        call("Input.insertText", Map.of("text", text));
        String typed = eval("document.querySelector(" + js(selector) + ").value").asString();
        if (!typed.equals(text)) {
            throw new AssertionError("typed " + text + " into " + selector + ", which holds " + typed);
        }
    }

    /** Clicks the centre of the first element matching a CSS selector with the mouse. */
    void click(String selector) {
        JsonNode box = eval("(() => { const e = document.querySelector(" + js(selector) + "); "
                + "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
                + "return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(), "y",
                    box.get("y").asDouble(), "button", "left", "clickCount", 1));
        }
    }

    /** Saves what the page looks like (the whole page, as PNG), for a person to look at. */
    void screenshot(Path file) throws IOException {
        JsonNode size = eval("({width: document.documentElement.scrollWidth, "
                + "height: document.documentElement.scrollHeight})");
        call("Emulation.setDeviceMetricsOverride", Map.of("width", size.get("width").asInt(), "height",
                size.get("height").asInt(), "deviceScaleFactor", 1, "mobile", false));
        String png = call("Page.captureScreenshot", Map.of("format", "png")).get("data").asString();
        call("Emulation.clearDeviceMetricsOverride", Map.of());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    /** Uncaught errors and rejected promises of the page's scripts so far. */
    List<String> scriptErrors() {
        return List.copyOf(scriptErrors);
    }

    private JsonNode call(String method, Map<String, Object> params) {
        return call(sessionId, method, params);
    }

    private JsonNode call(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = Api.JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", Api.JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        try {
            JsonNode answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(String text) {
        JsonNode message = Api.JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else if ("Runtime.exceptionThrown".equals(message.path("method").asString())) {
            JsonNode details = message.at("/params/exceptionDetails");
            scriptErrors.add(details.path("exception").path("description").asString(details.path("text").asString()));
        }
    }

    private static String js(String value) {
        return Api.JSON.valueToTree(value).toString();
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Puts the WebSocket's text frames (a message may come in several) back together. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        /** Set before the first call, so before any message arrives. */
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                owner.received(text);
            }
            socket.request(1);
            return null;
        }
    }
}
