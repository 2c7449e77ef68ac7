package vn.dvk.evaluation.review;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * The statistics as a live stream (server-sent events) for dashboards: each change of the counters inside the
 * caller's unit as it happens ({@code change}: the registration, the keys it left and joined, their counts after),
 * resumable with {@code Last-Event-ID}. When the changes since that id are no longer held (or the counters were
 * rebuilt) the stream says {@code reset}: read {@code GET /statistics} again and go on from there.
 */
@RestController
@RequestMapping("/api/evaluation/statistics")
class StatisticsStream implements DisposableBean, org.springframework.context.SmartLifecycle {

    /** A stream stays open this long; the browser's EventSource then reconnects with its Last-Event-ID. */
    private static final Duration OPEN_FOR = Duration.ofMinutes(30);

    private final MovementStats stats;
    private final UnitAccess access;
    /** Sends happen here, never in the thread that applies events: a slow dashboard holds up nobody else. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("statistics-stream"));
    /** The streams open now, ended first thing at shutdown so that the server's graceful stop need not wait on them. */
    private final java.util.Set<SseEmitter> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** Threads of the statistics' own background work, which never keep the JVM alive. */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    StatisticsStream(MovementStats stats, UnitAccess access) {
        this.stats = stats;
        this.access = access;
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    SseEmitter stream(@RequestParam(required = false) String unitCode,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        String scope = access.scope(unitCode, "statistics/stream");
        SseEmitter emitter = new SseEmitter(OPEN_FOR.toMillis());
        Consumer<MovementStats.Change> listener = change -> sender.execute(() -> {
            if (change == null) {
                send(emitter, SseEmitter.event().name("reset").data("{}"));
            } else if (stats.concerns(change, scope)) {
                send(emitter, SseEmitter.event().id(change.id()).name("change").data(change));
            }
        });
        open.add(emitter);
        Runnable stop = () -> {
            stats.unlisten(listener);
            open.remove(emitter);
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        stats.listen(lastEventId, missed -> sender.execute(() -> {
            if (missed == null) {
                send(emitter, SseEmitter.event().name("reset").data("{}"));
            } else {
                send(emitter, SseEmitter.event().comment("statistics of " + scope));
                missed.stream().filter(c -> stats.concerns(c, scope))
                        .forEach(c -> send(emitter, SseEmitter.event().id(c.id()).name("change").data(c)));
            }
        }), listener);
        return emitter;
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every open stream; dashboards reconnect to another replica with their Last-Event-ID. */
    @Override
    public void stop() {
        running = false;
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
